package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.transport.mailets.remote.delivery.MailDelivrer;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.core.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportDeliverersTest {
    private static final FakeMailetConfig MAILET_CONFIG = FakeMailetConfig.builder()
        .mailetName("RouteDelivery")
        .mailetContext(FakeMailContext.defaultContext())
        .setProperty("heloName", "relay.local.test")
        .build();
    private static final String ROUTE_A = "route a.test [127.0.0.1]:2601";
    private static final String ROUTE_B = "route b.test [127.0.0.1]:2602 credentials=esp";

    @TempDir
    Path directory;

    private final AtomicReference<RouteTable> routes = new AtomicReference<>();
    private Path credentialsFile;
    private TransportDeliverers deliverers;

    @BeforeEach
    void setUp() throws Exception {
        credentialsFile = Files.writeString(directory.resolve("relay-credentials.properties"), "esp.username=relay\nesp.password=old\n");
        deliverers = new TransportDeliverers(MAILET_CONFIG, null, null, new UpstreamCredentials(credentialsFile), routes::get,
            new SessionCache<>(new ConnectionReuse(true, 1, Duration.ofSeconds(2), Duration.ofSeconds(300), 0), ReusingMailDelivrerToHost::close, System::nanoTime), true);
    }

    private static RouteTable routeTable(String... lines) throws Exception {
        return PolicyFileParser.parse("test policy", String.join("\n", lines)).routes();
    }

    private static Transport transportOf(RouteTable routes, String domain) {
        return routes.recipientRoutes().stream().filter(route -> route.key().equals(domain)).findFirst().orElseThrow().transport();
    }

    @Test
    void aTransportKeepsItsDeliverer() throws Exception {
        routes.set(routeTable(ROUTE_A, ROUTE_B));
        Transport a = transportOf(routes.get(), "a.test");

        assertThat(deliverers.deliverer(a)).isSameAs(deliverers.deliverer(a));
    }

    @Test
    void aChangedPasswordGetsANewDeliverer() throws Exception {
        routes.set(routeTable(ROUTE_A, ROUTE_B));
        Transport b = transportOf(routes.get(), "b.test");
        MailDelivrer before = deliverers.deliverer(b);

        Files.writeString(credentialsFile, "esp.username=relay\nesp.password=new\n");
        Files.setLastModifiedTime(credentialsFile, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(deliverers.deliverer(b)).isNotSameAs(before);
    }

    @Test
    void aTransportTheRoutesStillNameKeepsItsDelivererWhenTheRoutesChange() throws Exception {
        routes.set(routeTable(ROUTE_A, ROUTE_B));
        Transport a = transportOf(routes.get(), "a.test");
        MailDelivrer before = deliverers.deliverer(a);

        routes.set(routeTable(ROUTE_A, "route c.test [127.0.0.1]:2603"));

        assertThat(deliverers.deliverer(a)).isSameAs(before);
    }

    @Test
    void theDelivererOfATransportNoLongerRoutedIsForgotten() throws Exception {
        routes.set(routeTable(ROUTE_A, ROUTE_B));
        Transport b = transportOf(routes.get(), "b.test");
        MailDelivrer before = deliverers.deliverer(b);

        routes.set(routeTable(ROUTE_A));
        deliverers.deliverer(transportOf(routes.get(), "a.test"));
        routes.set(routeTable(ROUTE_A, ROUTE_B));

        assertThat(deliverers.deliverer(b)).isNotSameAs(before);
    }
}
