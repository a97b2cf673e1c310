package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesrelay.james.JamesInjectors.eventually;
import static org.jamesrelay.james.JamesInjectors.liveThreadNames;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Verdict;
import org.jamesrelay.james.dkim.DkimKeyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;

class RelayModuleTest {
    @TempDir
    Path home;
    private JamesInjectors injectors;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/relay-policy.conf"), "relay-domain relay.test\n");
        injectors = JamesInjectors.start(home);
    }

    @AfterEach
    void tearDown() {
        injectors.stop();
    }

    @Test
    void nothingShouldBeBuiltBeforeARelayClassAsks() {
        injectors.extensions().getProvider(RelayPolicyService.class);

        assertThat(injectors.domainListCalls()).isZero();
        assertThat(liveThreadNames()).doesNotContain(RelayPolicyService.REFRESH_THREAD);
    }

    @Test
    void relayClassesShouldShareOnePolicyService() {
        Injector mailetInjector = injectors.extensions().createChildInjector(new AbstractModule() { });

        assertThat(mailetInjector.getInstance(RelayMetrics.class)).isSameAs(injectors.extensions().getInstance(RelayMetrics.class));
        assertThat(mailetInjector.getInstance(RelayPolicyService.class)).isSameAs(injectors.extensions().getInstance(RelayPolicyService.class));
    }

    @Test
    void policyServiceShouldDecideWithJamesDomainsAndThePolicyFile() throws Exception {
        RelayPolicyService service = injectors.extensions().getInstance(RelayPolicyService.class);

        ClientContext client = ClientContext.from(InetAddress.getByName("192.0.2.1")).build();
        assertThat(service.decider().decideRecipient(client, "<a@outside.example>", "<b@relay.test>").verdict()).isEqualTo(Verdict.RELAY_DOMAIN);
        assertThat(service.decider().decideRecipient(client, "<a@outside.example>", "<b@local.test>").verdict()).isEqualTo(Verdict.LOCAL);
    }

    @Test
    void stoppingJamesShouldStopThePolicyRefresher() throws Exception {
        injectors.extensions().getInstance(RelayPolicyService.class);
        assertThat(liveThreadNames()).contains(RelayPolicyService.REFRESH_THREAD);

        injectors.stop();

        assertThat(eventually(() -> !liveThreadNames().contains(RelayPolicyService.REFRESH_THREAD)))
            .as("the thread %s ended", RelayPolicyService.REFRESH_THREAD)
            .isTrue();
    }

    @Test
    void stoppingJamesShouldStopTheDkimKeyRefresher() throws Exception {
        Injector mailetInjector = injectors.extensions().createChildInjector(new AbstractModule() { });
        assertThat(mailetInjector.getInstance(DkimKeyService.class)).isSameAs(injectors.extensions().getInstance(DkimKeyService.class));
        assertThat(liveThreadNames()).contains(DkimKeyService.REFRESH_THREAD);

        injectors.stop();

        assertThat(eventually(() -> !liveThreadNames().contains(DkimKeyService.REFRESH_THREAD)))
            .as("the thread %s ended", DkimKeyService.REFRESH_THREAD)
            .isTrue();
    }
}
