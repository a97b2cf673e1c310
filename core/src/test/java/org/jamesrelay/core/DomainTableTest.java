package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DomainTableTest {
    private static final DomainTable<String> TABLE = DomainTable.of(Map.of(
        "local.test", "local",
        "relay.test", "relay",
        "sub.relay.test", "sub"));

    @Test
    void domainShouldBeFoundAtTheEndOfAnAddress() {
        assertThat(TABLE.get("alice@local.test", 6)).isEqualTo("local");
        assertThat(TABLE.get("bob@sub.relay.test", 4)).isEqualTo("sub");
        assertThat(TABLE.get("relay.test", 0)).isEqualTo("relay");
    }

    @Test
    void onlyTheWholeRestShouldMatch() {
        assertThat(TABLE.get("bob@relay.test.example", 4)).isNull();
        assertThat(TABLE.get("bob@elay.test", 4)).isNull();
        assertThat(TABLE.get("bob@other.test", 4)).isNull();
        assertThat(TABLE.get("bob@", 4)).isNull();
    }

    @Test
    void everyEntryOfALargeTableShouldBeFound() {
        Map<String, Integer> entries = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            entries.put("domain-" + i + ".test", i);
        }
        DomainTable<Integer> table = DomainTable.of(entries);

        for (int i = 0; i < 5_000; i++) {
            assertThat(table.get("user@domain-" + i + ".test", 5)).isEqualTo(i);
        }
        assertThat(table.get("user@domain-5000.test", 5)).isNull();
    }

    @Test
    void anEmptyTableShouldFindNothing() {
        assertThat(DomainTable.of(Map.of()).get("user@local.test", 5)).isNull();
    }
}
