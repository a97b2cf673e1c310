package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class ConnectionReuseTest {
    @Test
    void theDefaultsAreThoseOfPostfix() throws Exception {
        ConnectionReuse reuse = ConnectionReuse.of(FakeMailetConfig.builder().mailetName("RouteDelivery").build(), 16);

        assertThat(reuse.enabled()).isTrue();
        assertThat(reuse.sessionsPerHop()).isEqualTo(16);
        assertThat(reuse.idleLimit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(reuse.ageLimit()).isEqualTo(Duration.ofSeconds(300));
        assertThat(reuse.reuseCountLimit()).isZero();
    }

    @Test
    void theParametersAreRead() throws Exception {
        ConnectionReuse reuse = ConnectionReuse.of(FakeMailetConfig.builder().mailetName("RouteDelivery")
            .setProperty("connectionCache", "false")
            .setProperty("connectionCacheSize", "3")
            .setProperty("connectionCacheTimeLimit", "5")
            .setProperty("connectionReuseTimeLimit", "10m")
            .setProperty("connectionReuseCountLimit", "100")
            .build(), 16);

        assertThat(reuse.enabled()).isFalse();
        assertThat(reuse.sessionsPerHop()).isEqualTo(3);
        assertThat(reuse.idleLimit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(reuse.ageLimit()).isEqualTo(Duration.ofMinutes(10));
        assertThat(reuse.reuseCountLimit()).isEqualTo(100);
    }

    @Test
    void aTimeWithoutItsUnitIsRefusedAtStartup() {
        assertThatThrownBy(() -> ConnectionReuse.of(FakeMailetConfig.builder().mailetName("RouteDelivery")
            .setProperty("connectionCacheTimeLimit", "two seconds").build(), 16))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("connectionCacheTimeLimit");
    }

    @Test
    void aNegativeReuseCountIsRefusedAtStartup() {
        assertThatThrownBy(() -> ConnectionReuse.of(FakeMailetConfig.builder().mailetName("RouteDelivery")
            .setProperty("connectionReuseCountLimit", "-1").build(), 16))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("connectionReuseCountLimit");
    }

    @Test
    void noCacheSizeBelowOneIsAccepted() {
        assertThatThrownBy(() -> ConnectionReuse.of(FakeMailetConfig.builder().mailetName("RouteDelivery")
            .setProperty("connectionCacheSize", "0").build(), 16))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("connectionCacheSize");
    }
}
