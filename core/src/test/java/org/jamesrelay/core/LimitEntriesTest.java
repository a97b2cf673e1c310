package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LimitEntriesTest {
    private static RelayPolicy parse(String text) throws PolicyFileException {
        return PolicyFileParser.parse("relay-policy.conf", text);
    }

    @Test
    void defaultsShouldBePostfixs() throws PolicyFileException {
        RelayPolicy policy = parse("");

        assertThat(policy.errorLimits().softLimit()).isEqualTo(10);
        assertThat(policy.errorLimits().hardLimit()).isEqualTo(20);
        assertThat(policy.errorLimits().sleepTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.errorLimits().junkCommandLimit()).isEqualTo(100);
        assertThat(policy.limitExceptions()).isEqualTo(LimitExceptions.TRUSTED_NETWORKS);
        assertThat(policy.forbidUnauthPipelining()).isTrue();
        assertThat(policy.greetPause()).isZero();
        assertThat(policy.authFailureLimits().perClient()).isEqualTo(new FailureThreshold(10, Duration.ofMinutes(10)));
    }

    @Test
    void everyEntryShouldBeRead() throws PolicyFileException {
        RelayPolicy policy = parse(String.join("\n",
            "soft-error-limit 3", "hard-error-limit 5", "error-sleep-time 500ms", "junk-command-limit 7",
            "client-auth-failure-limit 4/1h", "network-auth-failure-limit 8/1h", "login-auth-failure-limit 12/1d",
            "auth-lockout-time 30m", "auth-failure-delay 2s", "limit-exceptions none", "forbid-unauth-pipelining no", "greet-pause 3s"));

        assertThat(policy.errorLimits().softLimit()).isEqualTo(3);
        assertThat(policy.errorLimits().hardLimit()).isEqualTo(5);
        assertThat(policy.errorLimits().sleepTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.errorLimits().junkCommandLimit()).isEqualTo(7);
        assertThat(policy.authFailureLimits().perClient()).isEqualTo(new FailureThreshold(4, Duration.ofHours(1)));
        assertThat(policy.authFailureLimits().perNetwork()).isEqualTo(new FailureThreshold(8, Duration.ofHours(1)));
        assertThat(policy.authFailureLimits().perLogin()).isEqualTo(new FailureThreshold(12, Duration.ofDays(1)));
        assertThat(policy.authFailureLimits().lockoutTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.authFailureLimits().failureDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.limitExceptions()).isEqualTo(LimitExceptions.NONE);
        assertThat(policy.forbidUnauthPipelining()).isFalse();
        assertThat(policy.greetPause()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aGreetPauseOfMoreThanAMinuteShouldBeRefused() {
        assertThatThrownBy(() -> parse("greet-pause 2m\n"))
            .isInstanceOf(PolicyFileException.class)
            .hasMessageContaining("greet-pause 2m is above 60s");
    }

    @Test
    void softLimitAboveHardLimitShouldNameTheLastLimitLine() {
        assertThatThrownBy(() -> parse("soft-error-limit 30\nhard-error-limit 20\n"))
            .hasMessage("relay-policy.conf:2: 'hard-error-limit 20': soft-error-limit 30 is above hard-error-limit 20");
    }

    @Test
    void badValuesShouldBeRefusedWithTheirLine() {
        assertThatThrownBy(() -> parse("hard-error-limit 0"))
            .hasMessage("relay-policy.conf:1: 'hard-error-limit 0': '0' is not a number from 1 to 1000000");
        assertThatThrownBy(() -> parse("client-auth-failure-limit 5"))
            .hasMessage("relay-policy.conf:1: 'client-auth-failure-limit 5': '5' is not COUNT/WINDOW, like 10/10m");
        assertThatThrownBy(() -> parse("limit-exceptions everybody"))
            .hasMessage("relay-policy.conf:1: 'limit-exceptions everybody': 'everybody' is not one of trusted-networks, none");
        assertThatThrownBy(() -> parse("soft-error-limit 5\nsoft-error-limit 6"))
            .hasMessage("relay-policy.conf:2: 'soft-error-limit 6': soft-error-limit is set more than once");
    }

    @Test
    void delayShouldStartPastTheSoftLimitAndTheSessionEndAtTheHardLimit() {
        ErrorLimits limits = new ErrorLimits(2, 4, Duration.ofSeconds(1), 100);

        assertThat(limits.delay(2)).isZero();
        assertThat(limits.delay(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limits.ends(3)).isFalse();
        assertThat(limits.ends(4)).isTrue();
    }
}
