package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.jamesrelay.core.TextDiff;
import org.junit.jupiter.api.Test;

class DiffFormatTest {
    private static final TextDiff DIFF = new TextDiff(List.of(
        new TextDiff.Hunk(0, List.of("relay-domain old.test"), List.of()),
        new TextDiff.Hunk(3, List.of(), List.of("relay-recipient \u00e9l\u00e8ve@relay.test", "", "# \u2603")),
        new TextDiff.Hunk(7, List.of("a", "b"), List.of("c"))));

    @Test
    void aDiffShouldReadBackAsWritten() {
        assertThat(DiffFormat.read(DiffFormat.write(DIFF))).isEqualTo(DIFF);
    }

    @Test
    void anEmptyDiffShouldReadBackAsWritten() {
        TextDiff empty = new TextDiff(List.of());

        assertThat(DiffFormat.read(DiffFormat.write(empty))).isEqualTo(empty);
    }

    @Test
    void truncatedBytesShouldBeRefused() {
        byte[] bytes = DiffFormat.write(DIFF);

        assertThatThrownBy(() -> DiffFormat.read(Arrays.copyOf(bytes, bytes.length - 3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesOfAnotherFormatShouldBeRefused() {
        byte[] bytes = DiffFormat.write(DIFF);
        bytes[0] = 2;

        assertThatThrownBy(() -> DiffFormat.read(bytes)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 2");
    }
}
