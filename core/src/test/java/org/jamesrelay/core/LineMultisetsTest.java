package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineMultisetsTest {
    private final List<String> removed = new ArrayList<>();
    private final List<String> added = new ArrayList<>();

    @Test
    void linesThatOnlyMovedShouldBeInNeitherSide() {
        LineMultisets.difference(List.of("a", "b", "c"), List.of("c", "a", "b"), removed::add, added::add);

        assertThat(removed).isEmpty();
        assertThat(added).isEmpty();
    }

    @Test
    void repeatedLinesShouldBeToldAsOftenAsTheirCountsDifferInTheOrderOfTheirList() {
        LineMultisets.difference(List.of("#", "x", "#", "#", "z"), List.of("y", "#", "x", "w"), removed::add, added::add);

        assertThat(removed).containsExactly("#", "#", "z");
        assertThat(added).containsExactly("y", "w");
    }
}
