package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecipientTableTest {
    private static final String DOMAIN = "relay.test";

    @Test
    void listedKeysShouldBeFoundAndOthersNot() {
        RecipientTable table = RecipientTable.of(DOMAIN, Set.of("info@relay.test", "sales@relay.test", "a@relay.test"));

        assertThat(table.contains("info@relay.test")).isTrue();
        assertThat(table.contains("sales@relay.test")).isTrue();
        assertThat(table.contains("a@relay.test")).isTrue();
        assertThat(table.contains("inf@relay.test")).isFalse();
        assertThat(table.contains("infos@relay.test")).isFalse();
        assertThat(table.contains("b@relay.test")).isFalse();
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void aKeyOfAnotherDomainShouldNotBeFound() {
        RecipientTable table = RecipientTable.of(DOMAIN, Set.of("info@relay.test"));

        assertThat(table.contains("info@other.test")).isFalse();
        assertThat(table.contains("info@sub.relay.test")).isFalse();
        assertThat(table.contains("info@xrelay.test")).isFalse();
        assertThat(table.contains("info")).isFalse();
        assertThat(table.contains("@relay.test")).isFalse();
    }

    @Test
    void keysShouldBeComparedExactlyAsWritten() {
        RecipientTable table = RecipientTable.of(DOMAIN, Set.of("info@relay.test"));

        assertThat(table.contains("Info@relay.test")).isFalse();
    }

    @Test
    void lookupThroughAnAddressShouldIgnoreTheCaseOfTheLocalPart() throws Exception {
        RelayDomain domain = new RelayDomain(DOMAIN, Optional.of(Set.of("info@relay.test")));

        assertThat(domain.accepts(EnvelopeAddress.parse("INFO@Relay.Test"))).isTrue();
        assertThat(domain.accepts(EnvelopeAddress.parse("sales@relay.test"))).isFalse();
    }

    @Test
    void nonAsciiLocalPartsShouldBeFoundAndComeBackAsWritten() {
        Set<String> keys = Set.of("jürgen@relay.test", "josé@relay.test", "日本@relay.test", "\uD83D\uDE00smile@relay.test",
            "lone\uD800@relay.test", "z@relay.test", "\u00ff@relay.test", "\uFFFD@relay.test");
        RecipientTable table = RecipientTable.of(DOMAIN, keys);

        keys.forEach(key -> assertThat(table.contains(key)).as(key).isTrue());
        assertThat(table.contains("jurgen@relay.test")).isFalse();
        assertThat(table.contains("\uD83D\uDE01smile@relay.test")).isFalse();
        assertThat(table.contains("lone\uDC00@relay.test")).isFalse();
        assertThat(table.asSet()).isEqualTo(keys);
    }

    @Test
    void keysShouldBeListedInCodePointOrder() {
        RecipientTable table = RecipientTable.of(DOMAIN, Set.of("b@relay.test", "a@relay.test", "é@relay.test", "ab@relay.test", "\uD83D\uDE00@relay.test",
            "\uFFFD@relay.test"));

        assertThat(table.asSet()).containsExactly("a@relay.test", "ab@relay.test", "b@relay.test", "é@relay.test", "\uFFFD@relay.test",
            "\uD83D\uDE00@relay.test");
    }

    @Test
    void anEmptyTableShouldFindNothing() {
        RecipientTable table = RecipientTable.builder(DOMAIN).build();

        assertThat(table.size()).isZero();
        assertThat(table.contains("info@relay.test")).isFalse();
        assertThat(table.asSet()).isEmpty();
    }

    @Test
    void aDuplicateShouldBeToldAndKeptOnce() {
        RecipientTableBuilder builder = RecipientTable.builder(DOMAIN);

        assertThat(builder.add("info@relay.test")).isTrue();
        assertThat(builder.add("sales@relay.test")).isTrue();
        assertThat(builder.add("info@relay.test")).isFalse();
        assertThat(builder.build().asSet()).containsExactly("info@relay.test", "sales@relay.test");
    }

    @Test
    void aKeyOfAnotherDomainShouldBeRefused() {
        assertThatThrownBy(() -> RecipientTable.builder(DOMAIN).add("info@other.test"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("recipient info@other.test is not in relay domain relay.test");
    }

    @Test
    void tablesOfTheSameKeysShouldBeEqualWhateverTheOrderTheyCameIn() {
        RecipientTableBuilder forward = RecipientTable.builder(DOMAIN);
        RecipientTableBuilder backward = RecipientTable.builder(DOMAIN);
        for (int i = 0; i < 100; i++) {
            forward.add("user" + i + "@relay.test");
            backward.add("user" + (99 - i) + "@relay.test");
        }
        RecipientTable first = forward.build();
        RecipientTable second = backward.build();

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first).isNotEqualTo(RecipientTable.of(DOMAIN, Set.of("user0@relay.test")));
        assertThat(first).isNotEqualTo(RecipientTable.of("other.test", Set.of()));
    }

    @Test
    void theSetViewShouldEqualASetOfTheSameKeys() {
        Set<String> keys = Set.of("info@relay.test", "sales@relay.test");
        Set<String> view = RecipientTable.of(DOMAIN, keys).asSet();

        assertThat(view).isEqualTo(keys).hasSameHashCodeAs(keys).hasSize(2);
        assertThat(keys).isEqualTo(view);
        assertThat(view.contains(42)).isFalse();
    }

    @Test
    void manyRandomKeysShouldBeFoundAsASetFindsThem() {
        Random random = new Random(17);
        Set<String> keys = new HashSet<>();
        List<String> absent = new ArrayList<>();
        while (keys.size() < 20_000) {
            keys.add(randomLocalPart(random) + "@" + DOMAIN);
        }
        while (absent.size() < 20_000) {
            String key = randomLocalPart(random) + "@" + DOMAIN;
            if (!keys.contains(key)) {
                absent.add(key);
            }
        }
        RecipientTable table = RecipientTable.of(DOMAIN, keys);

        assertThat(table.size()).isEqualTo(keys.size());
        assertThat(keys).allMatch(table::contains);
        assertThat(absent).noneMatch(table::contains);
        assertThat(table.asSet()).isEqualTo(keys);
    }

    @Test
    void keysAfterAnyKeyListedOrNotShouldBeThoseTheListingGivesAfterIt() {
        Random random = new Random(23);
        Set<String> keys = new HashSet<>();
        while (keys.size() < 2_000) {
            keys.add(randomLocalPart(random) + "@" + DOMAIN);
        }
        RecipientTable table = RecipientTable.of(DOMAIN, keys);
        List<String> listed = new ArrayList<>(table.asSet());

        for (int round = 0; round < 500; round++) {
            String after = round % 2 == 0 ? listed.get(random.nextInt(listed.size())) : randomLocalPart(random) + "@" + DOMAIN;
            List<String> expected = new ArrayList<>();
            table.asSet().stream().filter(key -> compareLocalParts(key, after) > 0).forEach(expected::add);
            List<String> found = new ArrayList<>();
            table.keysAfter(after).forEachRemaining(found::add);
            assertThat(found).as("after %s", after).isEqualTo(expected);
        }
        assertThatThrownBy(() -> table.keysAfter("a@other.test")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Code point order of the local parts, which is the order of the table's UTF-8 bytes. */
    private static int compareLocalParts(String a, String b) {
        return Arrays.compare(a.substring(0, a.lastIndexOf('@')).codePoints().toArray(), b.substring(0, b.lastIndexOf('@')).codePoints().toArray());
    }

    private static String randomLocalPart(Random random) {
        String alphabet = "abcxyz019._-+éü日\uD83D\uDE00";
        StringBuilder local = new StringBuilder();
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length() - 1);
            local.append(alphabet.charAt(at));
            if (Character.isHighSurrogate(alphabet.charAt(at))) {
                local.append(alphabet.charAt(at + 1));
            }
        }
        return local.toString();
    }
}
