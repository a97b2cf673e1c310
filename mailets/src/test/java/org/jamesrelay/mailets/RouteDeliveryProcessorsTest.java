package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class RouteDeliveryProcessorsTest {
    private static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder()
            .mailetName("RouteDelivery")
            .setProperty("loopProcessor", "relay-loops")
            .setProperty("undeliverableProcessor", "relay-undeliverable");
    }

    @Test
    void shouldRequireTheLoopAndUndeliverableProcessors() throws Exception {
        RouteDeliveryProcessors processors = RouteDeliveryProcessors.of(config().build());

        assertThat(processors.loops()).isEqualTo("relay-loops");
        assertThat(processors.undeliverable()).isEqualTo("relay-undeliverable");
        assertThat(processors.required()).containsExactly(new ProcessingState("relay-loops"), new ProcessingState("relay-undeliverable"));
    }

    @Test
    void shouldAlsoRequireTheBounceProcessorWhenOneIsSet() throws Exception {
        RouteDeliveryProcessors processors = RouteDeliveryProcessors.of(config().setProperty("bounceProcessor", "bounces").build());

        assertThat(processors.required())
            .containsExactly(new ProcessingState("relay-loops"), new ProcessingState("relay-undeliverable"), new ProcessingState("bounces"));
    }

    @Test
    void shouldRefuseAConfigurationWithoutLoopProcessor() {
        assertThatThrownBy(() -> RouteDeliveryProcessors.of(FakeMailetConfig.builder().mailetName("RouteDelivery")
                .setProperty("undeliverableProcessor", "relay-undeliverable").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("RouteDelivery needs <loopProcessor>");
    }

    @Test
    void shouldRefuseAConfigurationWithoutUndeliverableProcessor() {
        assertThatThrownBy(() -> RouteDeliveryProcessors.of(FakeMailetConfig.builder().mailetName("RouteDelivery")
                .setProperty("loopProcessor", "relay-loops").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("RouteDelivery needs <undeliverableProcessor>");
    }
}
