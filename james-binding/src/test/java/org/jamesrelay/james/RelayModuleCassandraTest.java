package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesrelay.james.JamesInjectors.eventually;
import static org.jamesrelay.james.JamesInjectors.liveThreadNames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jamesrelay.store.cassandra.CassandraNode;
import org.jamesrelay.store.cassandra.CassandraNodeExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.util.Providers;

/** The Cassandra store as the module builds it: on James's session when James has one, else on one it closes. */
class RelayModuleCassandraTest {
    /** The threads of a session of the Cassandra driver: s0-io-0, s0-admin-1... */
    private static final Pattern DRIVER_THREAD = Pattern.compile("s\\d+-(io|admin)-\\d+");
    /** Nothing listens there: a store that connected to it would have no policy. */
    private static final String DEAD_CONTACT_POINT = "127.0.0.1:1";

    @RegisterExtension
    static final CassandraNodeExtension cassandra = new CassandraNodeExtension();

    @TempDir
    Path home;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/relay-policy.conf"), "relay-domain relay.test\n");
    }

    private void storeProperties(String keyspace, String contactPoint) throws Exception {
        Files.writeString(home.resolve("conf/relay-store.properties"), "store=cassandra\n"
            + "cassandra.contact.points=" + contactPoint + "\n"
            + "cassandra.local.datacenter=" + CassandraNode.DATACENTER + "\n"
            + "cassandra.keyspace=" + keyspace + "\n");
    }

    private static Set<String> driverThreads() {
        return liveThreadNames().stream().filter(name -> DRIVER_THREAD.matcher(name).matches()).collect(Collectors.toSet());
    }

    @Test
    void storeShouldUseJamesSessionAndLeaveItOpenWhenJamesStops() throws Exception {
        storeProperties("relay_module_james_session", DEAD_CONTACT_POINT);
        try (CqlSession jamesSession = cassandra.newSession()) {
            JamesInjectors injectors = JamesInjectors.start(home, binder -> binder.bind(CqlSession.class).toProvider(Providers.of(jamesSession)));

            RelayPolicyService service = injectors.extensions().getInstance(RelayPolicyService.class);
            assertThat(service.sourceName()).isEqualTo("Cassandra keyspace relay_module_james_session through James's Cassandra session");
            assertThat(service.policy().relayDomains()).containsKey("relay.test");

            injectors.stop();

            assertThat(jamesSession.isClosed()).isFalse();
            assertThat(jamesSession.execute("SELECT version FROM relay_module_james_session.relay_policy").one()).isNotNull();
        }
    }

    @Test
    void sessionOfItsOwnShouldBeClosedWhenJamesStops() throws Exception {
        storeProperties("relay_module_own_session", cassandra.node().contactPoint());
        Set<String> before = driverThreads();
        JamesInjectors injectors = JamesInjectors.start(home);

        RelayPolicyService service = injectors.extensions().getInstance(RelayPolicyService.class);
        assertThat(service.policy().relayDomains()).containsKey("relay.test");
        Set<String> opened = driverThreads().stream().filter(name -> !before.contains(name)).collect(Collectors.toSet());
        assertThat(opened).as("threads of the store's session").isNotEmpty();

        injectors.stop();

        assertThat(eventually(() -> driverThreads().stream().noneMatch(opened::contains)))
            .as("the threads %s of the store's session ended", opened)
            .isTrue();
    }
}
