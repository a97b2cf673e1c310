package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SelfTestOptionsTest {
    private static void refused(String message, String... args) {
        assertThatThrownBy(() -> SelfTestOptions.parse(List.of(args))).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void optionsShouldBeReadWithTheirDefaults() {
        SelfTestOptions options = SelfTestOptions.parse(List.of("--host", "127.0.0.1", "--port=2525", "--login", "u@relay.test",
            "--password", "secret", "--harvest", "7"));

        assertThat(options.hostAddress()).isEqualTo("127.0.0.1");
        assertThat(options.credentials()).hasValueSatisfying(credentials -> assertThat(credentials.login()).isEqualTo("u@relay.test"));
        assertThat(options.otherSender()).isEqualTo("someone-else@relay.test");
        assertThat(options.harvest()).isEqualTo(7);
        assertThat(options.recipientFlood()).isEqualTo(1001);
        assertThat(options.bruteForce()).isZero();
        assertThat(options.localDomain()).isEmpty();
    }

    @Test
    void mistakesShouldBeUsageErrors() {
        refused("--host is required", "--port", "25");
        refused("unknown option --colour", "--host", "127.0.0.1", "--port", "25", "--colour", "red");
        refused("--port needs a value", "--host", "127.0.0.1", "--port");
        refused("--port is given twice", "--host", "127.0.0.1", "--port", "25", "--port", "26");
        refused("expected --OPTION VALUE, got 'relay.test'", "--host", "127.0.0.1", "--port", "25", "relay.test");
        refused("--port expects a number, got 'smtp'", "--host", "127.0.0.1", "--port", "smtp");
        refused("--login and --password go together", "--host", "127.0.0.1", "--port", "25", "--login", "u@relay.test");
        refused("unknown option --hos", "--hos", "127.0.0.1", "--port", "25");
    }
}
