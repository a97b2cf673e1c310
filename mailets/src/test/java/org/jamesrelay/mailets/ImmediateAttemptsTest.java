package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.TlsPolicy;
import org.jamesrelay.core.Transport;
import org.junit.jupiter.api.Test;

class ImmediateAttemptsTest {
    private static final Transport HOP = transport(2701);
    private static final Transport OTHER_HOP = transport(2702);

    private static Transport transport(int port) {
        return new Transport(List.of(new NextHop("127.0.0.1", port)), TlsPolicy.NONE, Optional.empty(), Transport.Balance.FAILOVER);
    }

    @Test
    void aTransportNotYetTriedGetsItsMailThroughTheQueue() {
        ImmediateAttempts attempts = new ImmediateAttempts(8);

        assertThat(attempts.tryStart(HOP)).isFalse();
    }

    @Test
    void aTransportWhoseLastAttemptDeliveredIsAttemptedAtOnce() {
        ImmediateAttempts attempts = new ImmediateAttempts(8);
        attempts.delivered(HOP);

        assertThat(attempts.tryStart(HOP)).isTrue();
        assertThat(attempts.tryStart(OTHER_HOP)).isFalse();
    }

    @Test
    void aFailedAttemptSendsTheTransportsMailBackThroughTheQueueUntilOneIsDelivered() {
        ImmediateAttempts attempts = new ImmediateAttempts(8);
        attempts.delivered(HOP);
        attempts.failed(HOP);

        assertThat(attempts.tryStart(HOP)).isFalse();

        attempts.delivered(HOP);
        assertThat(attempts.tryStart(HOP)).isTrue();
    }

    @Test
    void noMoreAttemptsRunAtOnceThanTheLimit() {
        ImmediateAttempts attempts = new ImmediateAttempts(2);
        attempts.delivered(HOP);
        attempts.delivered(OTHER_HOP);

        assertThat(attempts.tryStart(HOP)).isTrue();
        assertThat(attempts.tryStart(OTHER_HOP)).isTrue();
        assertThat(attempts.tryStart(HOP)).isFalse();

        attempts.end();
        assertThat(attempts.tryStart(HOP)).isTrue();
    }

    @Test
    void aLimitOfZeroSendsEveryMailThroughTheQueue() {
        ImmediateAttempts attempts = new ImmediateAttempts(0);
        attempts.delivered(HOP);

        assertThat(attempts.tryStart(HOP)).isFalse();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new ImmediateAttempts(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
