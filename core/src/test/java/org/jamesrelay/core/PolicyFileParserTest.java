package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyFileParserTest {
    private static final String SOURCE = "relay-policy.conf";

    private static final String SAMPLE = String.join("\n",
        "# James Relay policy",
        "",
        "relay-mode policy",
        "",
        "# networks that may relay",
        "trusted-network 127.0.0.1/32",
        "trusted-network ::1",
        "trusted-network 192.0.2.0/24 senders=printer@local.test,@apps.local.test   # printers",
        "trusted-network 198.51.100.0/24 served-senders-only",
        "",
        "authenticated-relay tls-only served-senders-only",
        "sender-login Alice@Local.Test owns=@sales.local.test,sales@local.test",
        "sender-login bob@local.test served-senders-only",
        "",
        "relay-domain relay.test",
        "relay-recipient info@relay.test",
        "relay-recipient Sales@RELAY.test",
        "relay-domain backup.test",
        "",
        "served-senders-only no",
        "local-senders-require-login yes",
        "");

    private static RelayPolicy parse(String... lines) throws PolicyFileException {
        return PolicyFileParser.parse(SOURCE, String.join("\n", lines));
    }

    @Test
    void sampleFileShouldGiveTheRelayModeAndSettings() throws Exception {
        RelayPolicy policy = PolicyFileParser.parse(SOURCE, SAMPLE);

        assertThat(policy.relayMode()).isEqualTo(RelayPolicy.RelayMode.POLICY);
        assertThat(policy.isOpenRelay()).isFalse();
        assertThat(policy.servedSendersOnly()).isFalse();
        assertThat(policy.localSendersRequireLogin()).isTrue();
        assertThat(policy.authenticatedRelay().mode()).isEqualTo(AuthenticatedRelay.Mode.TLS_ONLY);
        assertThat(policy.authenticatedRelay().servedSendersOnly()).isTrue();
    }

    @Test
    void sampleFileShouldGiveTheTrustedNetworksInOrder() throws Exception {
        RelayPolicy policy = PolicyFileParser.parse(SOURCE, SAMPLE);

        assertThat(policy.trustedNetworks())
            .extracting(network -> network.cidr().asString(),
                network -> network.senders().stream().map(AddressPattern::asString).collect(Collectors.toList()),
                TrustedNetwork::servedSendersOnly)
            .containsExactly(
                tuple("127.0.0.1/32", List.of(), false),
                tuple("::1/128", List.of(), false),
                tuple("192.0.2.0/24", List.of("printer@local.test", "@apps.local.test"), false),
                tuple("198.51.100.0/24", List.of(), true));
    }

    @Test
    void sampleFileShouldLookUpClientsByNetwork() throws Exception {
        RelayPolicy policy = PolicyFileParser.parse(SOURCE, SAMPLE);

        assertThat(policy.trustedNetworkOf(InetAddress.getByName("192.0.2.77")).map(TrustedNetwork::ruleId))
            .contains("trusted-network:192.0.2.0/24");
        assertThat(policy.trustedNetworkOf(InetAddress.getByName("127.0.0.2"))).isEmpty();
    }

    @Test
    void sampleFileShouldGiveTheRelayDomainsWithTheirRecipients() throws Exception {
        RelayPolicy policy = PolicyFileParser.parse(SOURCE, SAMPLE);

        assertThat(policy.relayDomains()).containsOnlyKeys("relay.test", "backup.test");
        assertThat(policy.relayDomain("relay.test").flatMap(RelayDomain::recipients))
            .contains(Set.of("info@relay.test", "sales@relay.test"));
        assertThat(policy.relayDomain("backup.test").map(RelayDomain::name)).contains("backup.test");
        assertThat(policy.relayDomain("backup.test").flatMap(RelayDomain::recipients)).isEmpty();
    }

    @Test
    void sampleFileShouldGiveTheSenderLogins() throws Exception {
        RelayPolicy policy = PolicyFileParser.parse(SOURCE, SAMPLE);

        assertThat(policy.senderLogins().values())
            .extracting(SenderLogin::login,
                login -> login.owns().stream().map(AddressPattern::asString).collect(Collectors.toList()),
                SenderLogin::servedSendersOnly)
            .containsExactlyInAnyOrder(
                tuple("alice@local.test", List.of("@sales.local.test", "sales@local.test"), false),
                tuple("bob@local.test", List.of(), true));
    }

    @Test
    void emptyFileShouldGiveTheDefaultPolicy() throws Exception {
        RelayPolicy policy = parse("# nothing yet", "", "   ");

        assertThat(policy.relayMode()).isEqualTo(RelayPolicy.RelayMode.POLICY);
        assertThat(policy.trustedNetworks()).isEmpty();
        assertThat(policy.relayDomains()).isEmpty();
        assertThat(policy.senderLogins()).isEmpty();
        assertThat(policy.authenticatedRelay().mode()).isEqualTo(AuthenticatedRelay.Mode.ALLOW);
        assertThat(policy.authenticatedRelay().servedSendersOnly()).isFalse();
        assertThat(policy.servedSendersOnly()).isFalse();
        assertThat(policy.localSendersRequireLogin()).isFalse();
    }

    @Test
    void keywordsValuesAndOptionsShouldBeCaseInsensitive() throws Exception {
        RelayPolicy policy = parse(
            "RELAY-MODE Open-Relay",
            "Authenticated-Relay OFF",
            "Served-Senders-Only YES",
            "Trusted-Network 192.0.2.0/24 SENDERS=Printer@Local.Test Served-Senders-Only",
            "Relay-Domain RELAY.Test");

        assertThat(policy.relayMode()).isEqualTo(RelayPolicy.RelayMode.OPEN_RELAY);
        assertThat(policy.authenticatedRelay().mode()).isEqualTo(AuthenticatedRelay.Mode.OFF);
        assertThat(policy.servedSendersOnly()).isTrue();
        assertThat(policy.trustedNetworks()).singleElement()
            .satisfies(network -> {
                assertThat(network.senders()).extracting(AddressPattern::asString).containsExactly("printer@local.test");
                assertThat(network.servedSendersOnly()).isTrue();
            });
        assertThat(policy.relayDomains()).containsOnlyKeys("relay.test");
    }

    @Test
    void commentsAndBlankLinesShouldBeIgnored() throws Exception {
        RelayPolicy policy = parse(
            "# a comment",
            "   # an indented comment",
            "\t",
            "relay-domain relay.test # trailing comment",
            "relay-domain backup.test\t# after a tab",
            "#relay-domain commented.test");

        assertThat(policy.relayDomains()).containsOnlyKeys("relay.test", "backup.test");
    }

    @Test
    void hashInsideATokenShouldNotStartAComment() throws Exception {
        RelayPolicy policy = parse(
            "relay-domain relay.test",
            "relay-recipient info#1@relay.test",
            "sender-login alice@local.test owns=x#y@local.test,@sales.local.test # here the comment starts");

        assertThat(policy.relayDomain("relay.test").flatMap(RelayDomain::recipients)).contains(Set.of("info#1@relay.test"));
        assertThat(policy.senderLogin("alice@local.test").map(SenderLogin::owns).orElseThrow())
            .extracting(AddressPattern::asString)
            .containsExactly("x#y@local.test", "@sales.local.test");
    }

    @Test
    void windowsLineEndingsShouldBeAccepted() throws Exception {
        RelayPolicy policy = PolicyFileParser.parse(SOURCE, "relay-domain relay.test\r\nrelay-recipient info@relay.test\r\n");

        assertThat(policy.relayDomain("relay.test").flatMap(RelayDomain::recipients)).contains(Set.of("info@relay.test"));
    }

    @Test
    void lineNumbersShouldCountWindowsLineEndings() {
        assertThatThrownBy(() -> PolicyFileParser.parse(SOURCE, "# policy\r\n\r\nrelay-mode maybe\r\n"))
            .isInstanceOf(PolicyFileException.class)
            .hasMessage("relay-policy.conf:3: 'relay-mode maybe': 'maybe' is not one of policy, open-relay");
    }

    @Test
    void aPolicyReadFromAReaderShouldEqualTheSamePolicyReadFromItsText() throws Exception {
        assertThat(PolicyFileParser.parse(SOURCE, new StringReader(SAMPLE))).isEqualTo(PolicyFileParser.parse(SOURCE, SAMPLE));
    }

    @Test
    void anErrorReadFromAReaderShouldNameItsLine() {
        assertThatThrownBy(() -> PolicyFileParser.parse(SOURCE, new StringReader("relay-domain relay.test\r\n\nrelay-recipient a@relay.test\n"
            + "relay-recipient A@relay.test # twice")))
            .isInstanceOf(PolicyFileException.class)
            .hasMessage("relay-policy.conf:4: 'relay-recipient A@relay.test': relay recipient a@relay.test is already listed");
    }

    @Test
    void aRecipientListedUnderManyDomainsShouldBeFoundInItsOwnOnly() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int d = 0; d < 50; d++) {
            text.append("relay-domain d").append(d).append(".test\n");
        }
        for (int i = 0; i < 5_000; i++) {
            text.append("relay-recipient User").append(i).append("@D").append(i % 50).append(".test\n");
        }
        RelayPolicy policy = PolicyFileParser.parse(SOURCE, text.toString());

        assertThat(policy.relayDomain("d7.test").orElseThrow().recipients().orElseThrow()).hasSize(100).contains("user7@d7.test", "user4957@d7.test");
        assertThat(policy.relayDomain("d7.test").orElseThrow().accepts(EnvelopeAddress.parse("USER57@d7.test"))).isTrue();
        assertThat(policy.relayDomain("d7.test").orElseThrow().accepts(EnvelopeAddress.parse("user8@d7.test"))).isFalse();
    }

    @Test
    void errorShouldNameSourceAndLine() {
        assertThatThrownBy(() -> PolicyFileParser.parse("custom.conf", "\n\n\nrelay-mode sometimes"))
            .isInstanceOfSatisfying(PolicyFileException.class, e -> {
                assertThat(e.source()).isEqualTo("custom.conf");
                assertThat(e.line()).isEqualTo(4);
            });
    }

    @Test
    void errorShouldQuoteTheEntryWithoutItsCommentNorSurroundingSpaces() {
        assertThatThrownBy(() -> parse("relay-domain relay.test", "   relay-mode  maybe   # typo"))
            .isInstanceOf(PolicyFileException.class)
            .hasMessage("relay-policy.conf:2: 'relay-mode  maybe': 'maybe' is not one of policy, open-relay");
    }

    @Test
    void wideNetworkShouldBeTrustedWhenAskedForExplicitly() throws PolicyFileException {
        RelayPolicy policy = PolicyFileParser.parse("relay-policy.conf", "trusted-network 0.0.0.0/0 wide\ntrusted-network 2001::/16\n");

        assertThat(policy.trustedNetworks()).extracting(network -> network.cidr().asString(), TrustedNetwork::isWide)
            .containsExactly(tuple("0.0.0.0/0", true), tuple("2001::/16", false));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
            Arguments.of(new String[] {"relay-everything yes"},
                "relay-policy.conf:1: 'relay-everything yes': unknown entry 'relay-everything'; entries are relay-mode, "
                    + "trusted-network, authenticated-relay, sender-login, relay-domain, relay-recipient, served-senders-only, "
                    + "local-senders-require-login, header-from-must-be-owned, route, sender-route, sender-routes-first, attachment-filter, header-filter, antivirus, rate-limit, "
                    + "soft-error-limit, hard-error-limit, error-sleep-time, junk-command-limit, client-auth-failure-limit, "
                    + "network-auth-failure-limit, login-auth-failure-limit, auth-lockout-time, auth-failure-delay, limit-exceptions, "
                    + "forbid-unauth-pipelining, greet-pause"),
            Arguments.of(new String[] {"# networks", "trusted-network 192.0.2.300/24"},
                "relay-policy.conf:2: 'trusted-network 192.0.2.300/24': '192.0.2.300' is not an IPv4 address: 300 is over 255"),
            Arguments.of(new String[] {"trusted-network mail.example.com"},
                "relay-policy.conf:1: 'trusted-network mail.example.com': 'mail.example.com' is not an IP address"),
            Arguments.of(new String[] {"trusted-network 10.0.0.1/8"},
                "relay-policy.conf:1: 'trusted-network 10.0.0.1/8': host bits are set in 10.0.0.1/8; the network is 10.0.0.0/8"),
            Arguments.of(new String[] {"trusted-network 192.0.2.0/33"},
                "relay-policy.conf:1: 'trusted-network 192.0.2.0/33': prefix length 33 is out of range 0..32"),
            Arguments.of(new String[] {"trusted-network"},
                "relay-policy.conf:1: 'trusted-network': trusted-network needs a value"),
            Arguments.of(new String[] {"trusted-network 0.0.0.0/0"},
                "relay-policy.conf:1: 'trusted-network 0.0.0.0/0': 0.0.0.0/0 is wider than /8: every client in it may relay; "
                    + "add the option wide if that is meant"),
            Arguments.of(new String[] {"trusted-network 10.0.0.0/7 senders=a@local.test"},
                "relay-policy.conf:1: 'trusted-network 10.0.0.0/7 senders=a@local.test': 10.0.0.0/7 is wider than /8: every client in it may relay; "
                    + "add the option wide if that is meant"),
            Arguments.of(new String[] {"trusted-network 2000::/15"},
                "relay-policy.conf:1: 'trusted-network 2000::/15': 2000::/15 is wider than /16: every client in it may relay; "
                    + "add the option wide if that is meant"),
            Arguments.of(new String[] {"trusted-network 10.0.0.0/8 wide"},
                "relay-policy.conf:1: 'trusted-network 10.0.0.0/8 wide': wide is only for networks wider than /8 (IPv4) or /16 (IPv6)"),
            Arguments.of(new String[] {"relay-recipient info@relay.test", "relay-domain relay.test"},
                "relay-policy.conf:1: 'relay-recipient info@relay.test': relay.test is not a relay domain: "
                    + "add 'relay-domain relay.test' before its recipients"),
            Arguments.of(new String[] {"relay-domain relay.test", "relay-recipient info@relay.test", "relay-recipient INFO@relay.test"},
                "relay-policy.conf:3: 'relay-recipient INFO@relay.test': relay recipient info@relay.test is already listed"),
            Arguments.of(new String[] {"relay-domain relay.test", "relay-recipient user%x@relay.test"},
                "relay-policy.conf:2: 'relay-recipient user%x@relay.test': 'user%x@relay.test' uses percent hack"),
            Arguments.of(new String[] {"relay-domain relay.test", "relay-recipient info"},
                "relay-policy.conf:2: 'relay-recipient info': 'info' is not an address: no domain (unqualified address)"),
            Arguments.of(new String[] {"relay-domain relay.test", "", "relay-domain Relay.Test"},
                "relay-policy.conf:3: 'relay-domain Relay.Test': relay domain relay.test is already listed on line 1"),
            Arguments.of(new String[] {"relay-domain relay.test."},
                "relay-policy.conf:1: 'relay-domain relay.test.': trailing dot in domain 'relay.test.'"),
            Arguments.of(new String[] {"relay-domain relay.test backup.test"},
                "relay-policy.conf:1: 'relay-domain relay.test backup.test': unknown option backup.test for relay-domain"),
            Arguments.of(new String[] {"trusted-network 192.0.2.0/24", "trusted-network 192.0.2.0/24 senders=a@local.test"},
                "relay-policy.conf:2: 'trusted-network 192.0.2.0/24 senders=a@local.test': network 192.0.2.0/24 is already trusted"),
            Arguments.of(new String[] {"trusted-network 127.0.0.1", "trusted-network 127.0.0.1/32"},
                "relay-policy.conf:2: 'trusted-network 127.0.0.1/32': network 127.0.0.1/32 is already trusted"),
            Arguments.of(new String[] {"relay-mode policy", "relay-mode open-relay"},
                "relay-policy.conf:2: 'relay-mode open-relay': relay-mode is set more than once"),
            Arguments.of(new String[] {"served-senders-only yes", "served-senders-only yes"},
                "relay-policy.conf:2: 'served-senders-only yes': served-senders-only is set more than once"),
            Arguments.of(new String[] {"authenticated-relay allow", "authenticated-relay off"},
                "relay-policy.conf:2: 'authenticated-relay off': authenticated-relay is set more than once"),
            Arguments.of(new String[] {"trusted-network 192.0.2.0/24 sender=printer@local.test"},
                "relay-policy.conf:1: 'trusted-network 192.0.2.0/24 sender=printer@local.test': unknown option sender for trusted-network"),
            Arguments.of(new String[] {"authenticated-relay allow tls served"},
                "relay-policy.conf:1: 'authenticated-relay allow tls served': unknown options tls, served for authenticated-relay"),
            Arguments.of(new String[] {"trusted-network 192.0.2.0/24 senders=a@local.test senders=b@local.test"},
                "relay-policy.conf:1: 'trusted-network 192.0.2.0/24 senders=a@local.test senders=b@local.test': option senders is given twice"),
            Arguments.of(new String[] {"trusted-network 192.0.2.0/24 senders="},
                "relay-policy.conf:1: 'trusted-network 192.0.2.0/24 senders=': senders= needs at least one ADDRESS or @DOMAIN"),
            Arguments.of(new String[] {"trusted-network 192.0.2.0/24 senders=printer"},
                "relay-policy.conf:1: 'trusted-network 192.0.2.0/24 senders=printer': 'printer' is neither an address nor @domain: "
                    + "no domain (unqualified address)"),
            Arguments.of(new String[] {"trusted-network 192.0.2.0/24 senders=user%x@local.test"},
                "relay-policy.conf:1: 'trusted-network 192.0.2.0/24 senders=user%x@local.test': 'user%x@local.test' uses percent hack"),
            Arguments.of(new String[] {"trusted-network 192.0.2.0/24 served-senders-only=yes"},
                "relay-policy.conf:1: 'trusted-network 192.0.2.0/24 served-senders-only=yes': served-senders-only takes no value"),
            Arguments.of(new String[] {"sender-login alice@local.test"},
                "relay-policy.conf:1: 'sender-login alice@local.test': says nothing: give owns=ADDRESS|@DOMAIN,... or served-senders-only"),
            Arguments.of(new String[] {"sender-login alice@local.test owns=@a.test", "sender-login ALICE@local.test owns=@b.test"},
                "relay-policy.conf:2: 'sender-login ALICE@local.test owns=@b.test': sender login alice@local.test is already listed"),
            Arguments.of(new String[] {"served-senders-only maybe"},
                "relay-policy.conf:1: 'served-senders-only maybe': 'maybe' is not one of yes, no"),
            Arguments.of(new String[] {"local-senders-require-login true"},
                "relay-policy.conf:1: 'local-senders-require-login true': 'true' is not one of yes, no"),
            Arguments.of(new String[] {"local-senders-require-login"},
                "relay-policy.conf:1: 'local-senders-require-login': local-senders-require-login needs a value"),
            Arguments.of(new String[] {"relay-mode open_relay"},
                "relay-policy.conf:1: 'relay-mode open_relay': 'open_relay' is not one of policy, open-relay"),
            Arguments.of(new String[] {"relay-mode Open"},
                "relay-policy.conf:1: 'relay-mode Open': 'Open' is not one of policy, open-relay"),
            Arguments.of(new String[] {"authenticated-relay tls"},
                "relay-policy.conf:1: 'authenticated-relay tls': 'tls' is not one of allow, tls-only, off"),
            Arguments.of(new String[] {"relay-mode policy served-senders-only"},
                "relay-policy.conf:1: 'relay-mode policy served-senders-only': unknown option served-senders-only for relay-mode"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void invalidEntryShouldBeReportedWithSourceLineEntryAndProblem(String[] lines, String message) {
        assertThatThrownBy(() -> parse(lines))
            .isInstanceOf(PolicyFileException.class)
            .hasMessage(message);
    }

    @Test
    void firstErrorShouldStopTheReading() {
        assertThatThrownBy(() -> parse("relay-mode maybe", "unknown-entry"))
            .isInstanceOfSatisfying(PolicyFileException.class, e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void relayDomainWithoutRecipientsShouldAcceptAnyRecipient() throws Exception {
        RelayPolicy policy = parse("relay-domain backup.test");

        RelayDomain domain = policy.relayDomain("backup.test").orElseThrow();
        assertThat(domain.accepts(EnvelopeAddress.parse("anyone@backup.test"))).isTrue();
        assertThat(domain.ruleId()).isEqualTo("relay-domain:backup.test");
    }

    @Test
    void relayDomainWithRecipientsShouldAcceptOnlyThem() throws Exception {
        RelayPolicy policy = parse("relay-domain relay.test", "relay-recipient info@relay.test");

        RelayDomain domain = policy.relayDomain("relay.test").orElseThrow();
        assertThat(domain.accepts(EnvelopeAddress.parse("INFO@relay.test"))).isTrue();
        assertThat(domain.accepts(EnvelopeAddress.parse("sales@relay.test"))).isFalse();
    }

    @Test
    void recipientsShouldStayWithTheirOwnRelayDomain() throws Exception {
        RelayPolicy policy = parse(
            "relay-domain relay.test",
            "relay-domain other.test",
            "relay-recipient info@relay.test",
            "relay-recipient sales@other.test");

        assertThat(policy.relayDomain("relay.test").flatMap(RelayDomain::recipients)).contains(Set.of("info@relay.test"));
        assertThat(policy.relayDomain("other.test").flatMap(RelayDomain::recipients)).contains(Set.of("sales@other.test"));
    }

    @Test
    void senderLoginWithServedSendersOnlyAloneShouldBeAccepted() throws Exception {
        RelayPolicy policy = parse("sender-login bob@local.test served-senders-only");

        assertThat(policy.senderLogin("bob@local.test")).map(SenderLogin::servedSendersOnly).contains(true);
        assertThat(policy.senderLogin("bob@local.test")).map(SenderLogin::owns).contains(List.of());
    }

    @Test
    void unknownLoginShouldHaveNoSenderLogin() throws Exception {
        assertThat(PolicyFileParser.parse(SOURCE, SAMPLE).senderLogin("carol@local.test")).isEmpty();
    }

    @Test
    void valueContainingAnEqualsSignShouldStayAValue() throws Exception {
        RelayPolicy policy = PolicyFileParser.parse("p", "relay-domain relay.test\nrelay-recipient srs0=x@relay.test\n");

        assertThat(policy.relayDomain("relay.test").orElseThrow().recipients().orElseThrow()).containsExactly("srs0=x@relay.test");
    }

    @Test
    void headerFromCheckShouldBeReadAsASetting() throws Exception {
        assertThat(PolicyFileParser.parse("p", "header-from-must-be-owned yes\n").headerFromMustBeOwned()).isTrue();
        assertThat(PolicyFileParser.parse("p", "").headerFromMustBeOwned()).isFalse();
    }
}
