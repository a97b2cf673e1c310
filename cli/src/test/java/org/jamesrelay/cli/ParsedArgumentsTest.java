package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class ParsedArgumentsTest {
    private static final Options OPTIONS = new Options()
        .addOption(Option.builder().longOpt("json").build())
        .addOption(Option.builder().longOpt("sender").hasArg().build())
        .addOption(Option.builder().longOpt("senders").hasArg().build())
        .addOption(Option.builder("h").longOpt("help").build());

    private static ParsedArguments parse(String... args) throws UsageException {
        return ParsedArguments.parse(OPTIONS, List.of(args));
    }

    private static void refused(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void optionsShouldBeReadAnywhereBetweenTheWords() throws Exception {
        ParsedArguments parsed = parse("networks", "--json", "add", "--sender", "a@b.test", "192.0.2.0/24", "-");

        assertThat(parsed.words()).containsExactly("networks", "add", "192.0.2.0/24", "-");
        assertThat(parsed.has("--json")).isTrue();
        assertThat(parsed.first("--sender")).contains("a@b.test");
        assertThat(parsed.given()).containsExactly("--json", "--sender");
    }

    @Test
    void everyValueShouldBeKeptInTheOrderGiven() throws Exception {
        ParsedArguments parsed = parse("--senders", "a@b.test", "--senders=@c.test", "--senders", "d@e.test");

        assertThat(parsed.values("--senders")).containsExactly("a@b.test", "@c.test", "d@e.test");
        assertThat(parsed.count("--senders")).isEqualTo(3);
        assertThat(parsed.first("--senders")).contains("a@b.test");
        assertThat(parsed.last("--senders")).contains("d@e.test");
        assertThat(parsed.last("--sender")).isEmpty();
    }

    @Test
    void valuesShouldBeTakenAsTheyAre() throws Exception {
        assertThat(parse("--sender=").first("--sender")).contains("");
        assertThat(parse("--sender", "<>").first("--sender")).contains("<>");
        assertThat(parse("--sender", "\"quoted\"").first("--sender")).contains("\"quoted\"");
        assertThat(parse("--sender", "-1").first("--sender")).contains("-1");
        assertThat(parse("--sender=--json").first("--sender")).contains("--json");
    }

    @Test
    void wordsAfterDoubleDashShouldNotBeOptions() throws Exception {
        ParsedArguments parsed = parse("add", "--", "--json", "-odd@relay.test");

        assertThat(parsed.words()).containsExactly("add", "--json", "-odd@relay.test");
        assertThat(parsed.has("--json")).isFalse();
    }

    @Test
    void helpShouldHaveAShortName() throws Exception {
        assertThat(parse("-h").has("--help")).isTrue();
        assertThat(parse("--help").has("--help")).isTrue();
    }

    @Test
    void unknownOptionsShouldBeRefused() {
        refused("unknown option --colour", "networks", "--colour");
        refused("unknown option --colour", "networks", "--colour=red");
        refused("unknown option -x", "networks", "-x");
    }

    @Test
    void optionsShouldBeMatchedByTheirWholeNameOnly() {
        refused("unknown option --js", "--js");
        refused("unknown option --send", "--send", "a@b.test");
    }

    @Test
    void aSingleDashShouldNotStandForTwo() {
        refused("unknown option -json", "-json");
        refused("unknown option -sender", "-sender=a@b.test");
        refused("unknown option -help", "-help");
    }

    @Test
    void aMissingValueShouldBeNamed() {
        refused("--sender needs a value", "add", "--sender");
        refused("--sender needs a value", "add", "--sender", "--json");
    }

    @Test
    void aFlagShouldTakeNoValue() {
        refused("--json takes no value", "--json=yes");
    }
}
