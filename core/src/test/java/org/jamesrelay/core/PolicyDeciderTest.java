package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDeciderTest {
    private static final String SENDER_OK = "250 2.1.0 Sender OK";
    private static final String LOCAL_OK = "250 2.1.5 Recipient OK (local)";
    private static final String RELAY_DOMAIN_OK = "250 2.1.5 Recipient OK (relay domain)";
    private static final String TRUSTED_OK = "250 2.1.5 Recipient OK (trusted network)";
    private static final String AUTHENTICATED_OK = "250 2.1.5 Recipient OK (authenticated)";
    private static final String OPEN_RELAY_OK = "250 2.1.5 Recipient OK (open relay)";
    private static final String RELAY_DENIED = "550 5.7.1 <friend@outside.test>: Relay access denied";
    private static final String AUTHENTICATION_REQUIRED = "530 5.7.0 Authentication required";
    private static final String STARTTLS_REQUIRED = "530 5.7.0 Must issue a STARTTLS command first";
    private static final String ALICE_DOES_NOT_OWN_BOB = "553 5.7.1 <bob@local.test>: Sender address rejected: not owned by user alice@local.test";
    private static final String BOB_NOT_LOGGED_IN = "553 5.7.1 <bob@local.test>: Sender address rejected: not logged in";
    private static final String NOT_SERVED = "550 5.7.1 <friend@outside.test>: Relay access denied: sender domain %s is not served here";

    private static final String LOOPBACK_RULE = "trusted-network:127.0.0.1/32";
    private static final String IPV6_LOOPBACK_RULE = "trusted-network:::1/128";
    private static final String PRINTERS_RULE = "trusted-network:192.0.2.0/24";
    private static final String SERVED_ONLY_RULE = "trusted-network:198.51.100.0/24";
    private static final String ALICE_RULE = "sender-login:alice@local.test";

    private static final String UNTRUSTED = "127.0.0.2";
    private static final String PRINTER = "192.0.2.10";
    private static final String SERVED_ONLY_CLIENT = "198.51.100.5";
    private static final String INTERNET = "203.0.113.5";

    private static final String OUTSIDER = "someone@outside.test";
    private static final String OUTSIDE = "friend@outside.test";
    private static final String ALICE = "alice@local.test";

    private static final LocalDirectory DIRECTORY = LocalDirectory.builder()
        .localDomain("local.test")
        .alias("postmaster@local.test", ALICE)
        .domainAlias("alias.test", "local.test")
        .build();

    private static final RelayDecider DECIDER = decider(UnaryOperator.identity());

    private static RelayPolicyBuilder policy() {
        return RelayPolicy.builder()
            .trustedNetwork(TrustedNetwork.anySender(Cidr.parse("127.0.0.1/32")))
            .trustedNetwork(TrustedNetwork.anySender(Cidr.parse("::1/128")))
            .trustedNetwork(new TrustedNetwork(Cidr.parse("192.0.2.0/24"),
                List.of(AddressPattern.parse("printer@local.test"), AddressPattern.parse("@apps.local.test")), false))
            .trustedNetwork(new TrustedNetwork(Cidr.parse("198.51.100.0/24"), List.of(), true))
            .authenticatedRelay(new AuthenticatedRelay(AuthenticatedRelay.Mode.TLS_ONLY, false))
            .relayDomain(new RelayDomain("relay.test", Optional.of(Set.of("info@relay.test", "sales@relay.test"))))
            .relayDomain(new RelayDomain("backup.test", Optional.empty()))
            .senderLogin(new SenderLogin(ALICE, List.of(AddressPattern.parse("@sales.local.test")), false));
    }

    private static RelayDecider decider(UnaryOperator<RelayPolicyBuilder> variant) {
        return new PolicyDecider(variant.apply(policy()).build(), DIRECTORY);
    }

    private static ClientContext.Builder from(String ip) {
        return ClientContext.from(IpAddresses.parse(ip));
    }

    private static ClientContext client(String ip) {
        return from(ip).build();
    }

    private static ClientContext alice(boolean tls) {
        return from(INTERNET).login(ALICE).tls(tls).authOffered(true).build();
    }

    private static void assertDecision(Decision decision, Verdict verdict, String reply, String ruleId) {
        assertThat(decision)
            .extracting(Decision::verdict, d -> d.reply().asString(), Decision::ruleId, Decision::warning)
            .containsExactly(verdict, reply, ruleId, Optional.empty());
        assertThat(decision.isAccepted()).isEqualTo(verdict.isAccepted());
    }

    private static String routingRefused(String key, String kind) {
        return "553 5.7.1 <" + key + ">: Recipient address rejected: sender-specified routing (" + kind + ") is not allowed";
    }

    /** Every form of sender-specified routing whose final domain is {@code domain}: address, lookup key, kind. */
    static Stream<Arguments> routingForms(String domain) {
        return Stream.of(
            Arguments.of("user%dest.test@" + domain, "user%dest.test@" + domain, "percent hack"),
            Arguments.of("<USER%DEST.TEST@" + domain.toUpperCase() + ">", "user%dest.test@" + domain, "percent hack"),
            Arguments.of("dest.test!user@" + domain, "dest.test!user@" + domain, "bang path"),
            Arguments.of("\"user@dest.test\"@" + domain, "user@dest.test@" + domain, "quoted local part containing '@'"),
            Arguments.of("\"user%dest.test\"@" + domain, "user%dest.test@" + domain, "quoted local part containing '%'"),
            Arguments.of("\"dest.test!user\"@" + domain, "dest.test!user@" + domain, "quoted local part containing '!'"),
            Arguments.of("user@dest.test@" + domain, "user@dest.test@" + domain, "more than one '@'"),
            Arguments.of("@hop.test:user@" + domain, "user@" + domain, "source route"),
            Arguments.of("<@a.test,@b.test:user@" + domain + ">", "user@" + domain, "source route"));
    }

    static Stream<Arguments> routingToOutside() {
        return routingForms("outside.test");
    }

    static Stream<Arguments> routingToLocalDomain() {
        return routingForms("local.test");
    }

    static Stream<Arguments> routingToAnyDestination() {
        return Stream.of("outside.test", "relay.test", "backup.test", "local.test").flatMap(PolicyDeciderTest::routingForms);
    }

    // ---------------------------------------------------------------- untrusted client

    static Stream<Arguments> untrustedClientRecipients() {
        Stream<Arguments> whateverAuth = Stream.of(
            Arguments.of("bob@local.test", Verdict.LOCAL, LOCAL_OK, "local-domain:local.test"),
            Arguments.of("<bob@local.test>", Verdict.LOCAL, LOCAL_OK, "local-domain:local.test"),
            Arguments.of("Bob@LOCAL.TEST", Verdict.LOCAL, LOCAL_OK, "local-domain:local.test"),
            Arguments.of("postmaster@local.test", Verdict.LOCAL, LOCAL_OK, "local-domain:local.test"),
            Arguments.of("bob@alias.test", Verdict.LOCAL, LOCAL_OK, "local-domain:alias.test"),
            Arguments.of("\"bob\"@local.test", Verdict.LOCAL, LOCAL_OK, "local-domain:local.test"),
            Arguments.of("info@relay.test", Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:relay.test"),
            Arguments.of("<sales@relay.test>", Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:relay.test"),
            Arguments.of("INFO@RELAY.TEST", Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:relay.test"),
            Arguments.of("anyone@backup.test", Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:backup.test"),
            Arguments.of("Anyone@Backup.Test", Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:backup.test"),
            Arguments.of("nobody@relay.test", Verdict.DENY,
                "550 5.1.1 <nobody@relay.test>: Recipient address rejected: User unknown in relay recipient table", "relay-recipient:relay.test"),
            Arguments.of("NoBody@RELAY.TEST", Verdict.DENY,
                "550 5.1.1 <nobody@relay.test>: Recipient address rejected: User unknown in relay recipient table", "relay-recipient:relay.test"),
            Arguments.of("user", Verdict.DENY, "501 5.1.3 Bad recipient address syntax: no domain (unqualified address)", "recipient-syntax"),
            Arguments.of("user@", Verdict.DENY, "501 5.1.3 Bad recipient address syntax: empty domain", "recipient-syntax"),
            Arguments.of("<>", Verdict.DENY, "501 5.1.3 Bad recipient address syntax: empty address", "recipient-syntax"),
            Arguments.of("user@outside.test.", Verdict.DENY,
                "501 5.1.3 Bad recipient address syntax: trailing dot in domain 'outside.test.'", "recipient-syntax"),
            Arguments.of("user@local..test", Verdict.DENY,
                "501 5.1.3 Bad recipient address syntax: empty label in domain 'local..test'", "recipient-syntax"),
            Arguments.of("user name@local.test", Verdict.DENY,
                "501 5.1.3 Bad recipient address syntax: character ' ' not allowed in an unquoted local part", "recipient-syntax"),
            Arguments.of("user@[999.1.1.1]", Verdict.DENY,
                "501 5.1.3 Bad recipient address syntax: domain literal '[999.1.1.1]' is not an IP address", "recipient-syntax"));
        Stream<Arguments> routing = Stream.of("outside.test", "relay.test", "backup.test", "local.test")
            .flatMap(PolicyDeciderTest::routingForms)
            .map(form -> {
                Object[] values = form.get();
                return Arguments.of(values[0], Verdict.DENY, routingRefused((String) values[1], (String) values[2]), "sender-routing");
            });
        return Stream.concat(whateverAuth, routing)
            .flatMap(arguments -> Stream.of(false, true).map(authOffered -> {
                Object[] values = arguments.get();
                return Arguments.of(authOffered, values[0], values[1], values[2], values[3]);
            }));
    }

    @ParameterizedTest(name = "authOffered={0} {1} -> {3}")
    @MethodSource("untrustedClientRecipients")
    void untrustedClientShouldGetTheSameAnswerWhetherAuthIsOfferedOrNot(boolean authOffered, String recipient, Verdict verdict,
                                                                        String reply, String ruleId) {
        ClientContext client = from(UNTRUSTED).authOffered(authOffered).build();

        assertDecision(DECIDER.decideRecipient(client, OUTSIDER, recipient), verdict, reply, ruleId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "friend@outside.test|550 5.7.1 <friend@outside.test>: Relay access denied",
        "<Friend@OUTSIDE.TEST>|550 5.7.1 <friend@outside.test>: Relay access denied",
        "user@[192.0.2.1]|550 5.7.1 <user@[192.0.2.1]>: Relay access denied",
        "user@[127.0.0.1]|550 5.7.1 <user@[127.0.0.1]>: Relay access denied",
        "user@[IPv6:2001:DB8::1]|550 5.7.1 <user@[ipv6:2001:db8::1]>: Relay access denied",
        "user@sub.local.test|550 5.7.1 <user@sub.local.test>: Relay access denied",
        "user@relay.test.outside.test|550 5.7.1 <user@relay.test.outside.test>: Relay access denied"
    })
    void untrustedClientShouldNotRelayToOutsideDestinations(String recipient, String reply) {
        assertDecision(DECIDER.decideRecipient(client(UNTRUSTED), OUTSIDER, recipient), Verdict.DENY, reply, "relay-denied");
    }

    @ParameterizedTest
    @ValueSource(strings = {"friend@outside.test", "<Friend@OUTSIDE.TEST>", "user@[192.0.2.1]", "user@[127.0.0.1]", "user@[IPv6:2001:db8::1]"})
    void untrustedClientShouldBeAskedToAuthenticateWhenAuthIsOffered(String recipient) {
        ClientContext client = from(UNTRUSTED).authOffered(true).build();

        assertDecision(DECIDER.decideRecipient(client, OUTSIDER, recipient), Verdict.DENY, AUTHENTICATION_REQUIRED, "authentication-required");
    }

    @Test
    void untrustedClientShouldNotRelayWithPercentHack() {
        assertDecision(DECIDER.decideRecipient(client(UNTRUSTED), OUTSIDER, "friend%outside.test@relay.test"), Verdict.DENY,
            "553 5.7.1 <friend%outside.test@relay.test>: Recipient address rejected: sender-specified routing (percent hack) is not allowed",
            "sender-routing");
    }

    @Test
    void untrustedClientShouldNotRelayWithSourceRouteThroughALocalDomain() {
        assertDecision(DECIDER.decideRecipient(client(UNTRUSTED), OUTSIDER, "<@local.test:friend@outside.test>"), Verdict.DENY,
            "553 5.7.1 <friend@outside.test>: Recipient address rejected: sender-specified routing (source route) is not allowed",
            "sender-routing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"someone@outside.test", "bob@local.test", "<>", "", "@hop.test:user@outside.test"})
    void untrustedClientShouldHaveItsSenderAccepted(String sender) {
        Decision decision = DECIDER.decideSender(client(UNTRUSTED), sender);

        assertThat(decision.verdict()).isEqualTo(Verdict.SENDER_ACCEPTED);
        assertThat(decision.reply().asString()).isEqualTo(SENDER_OK);
    }

    @Test
    void untrustedSenderShouldBeDecidedByTheAnySenderRule() {
        assertDecision(DECIDER.decideSender(client(UNTRUSTED), OUTSIDER), Verdict.SENDER_ACCEPTED, SENDER_OK, "sender");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<>", "", "< >"})
    void nullSenderShouldBeAccepted(String sender) {
        assertDecision(DECIDER.decideSender(client(UNTRUSTED), sender), Verdict.SENDER_ACCEPTED, SENDER_OK, "null-sender");
    }

    @Test
    void nullSenderShouldReachLocalRecipients() {
        assertDecision(DECIDER.decideRecipient(client(UNTRUSTED), "<>", "bob@local.test"), Verdict.LOCAL, LOCAL_OK, "local-domain:local.test");
    }

    @Test
    void nullSenderShouldNotRelayFromAnUntrustedClient() {
        assertDecision(DECIDER.decideRecipient(client(UNTRUSTED), "<>", OUTSIDE), Verdict.DENY, RELAY_DENIED, "relay-denied");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "user|501 5.1.7 Bad sender address syntax: no domain (unqualified address)",
        "user@|501 5.1.7 Bad sender address syntax: empty domain",
        "<user@local.test.>|501 5.1.7 Bad sender address syntax: trailing dot in domain 'local.test.'",
        "user@a..b|501 5.1.7 Bad sender address syntax: empty label in domain 'a..b'",
        "\"user@dest.test|501 5.1.7 Bad sender address syntax: unterminated quoted local part",
        "user@[IPv6:192.0.2.1]|501 5.1.7 Bad sender address syntax: domain literal '[IPv6:192.0.2.1]' is not an IP address"
    })
    void senderWithBadSyntaxShouldBeRefused(String sender, String reply) {
        assertDecision(DECIDER.decideSender(client(UNTRUSTED), sender), Verdict.DENY, reply, "sender-syntax");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "user|501 5.1.7 Bad sender address syntax: no domain (unqualified address)",
        "user@|501 5.1.7 Bad sender address syntax: empty domain"
    })
    void recipientDecisionShouldRepeatTheSenderSyntaxRefusal(String sender, String reply) {
        assertDecision(DECIDER.decideRecipient(client(UNTRUSTED), sender, "bob@local.test"), Verdict.DENY, reply, "sender-syntax");
        assertDecision(DECIDER.decideRecipient(client("127.0.0.1"), sender, OUTSIDE), Verdict.DENY, reply, "sender-syntax");
    }

    @Test
    void recipientWithBadSyntaxShouldBeRefusedEvenFromATrustedNetwork() {
        assertDecision(DECIDER.decideRecipient(client("127.0.0.1"), OUTSIDER, "user@outside.test."), Verdict.DENY,
            "501 5.1.3 Bad recipient address syntax: trailing dot in domain 'outside.test.'", "recipient-syntax");
    }

    // ---------------------------------------------------------------- trusted networks

    @ParameterizedTest
    @ValueSource(strings = {"friend@outside.test", "<Friend@OUTSIDE.TEST>", "user@[192.0.2.1]", "user@[IPv6:2001:db8::1]"})
    void trustedClientShouldRelayToOutsideDestinations(String recipient) {
        assertDecision(DECIDER.decideRecipient(client("127.0.0.1"), OUTSIDER, recipient), Verdict.RELAY, TRUSTED_OK, LOOPBACK_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"someone@outside.test", "bob@local.test", "<>"})
    void trustedClientShouldRelayWithAnySender(String sender) {
        assertDecision(DECIDER.decideRecipient(client("127.0.0.1"), sender, OUTSIDE), Verdict.RELAY, TRUSTED_OK, LOOPBACK_RULE);
    }

    @Test
    void trustedClientShouldStillDeliverLocallyAndToRelayDomains() {
        ClientContext client = client("127.0.0.1");

        assertDecision(DECIDER.decideRecipient(client, OUTSIDER, "bob@local.test"), Verdict.LOCAL, LOCAL_OK, "local-domain:local.test");
        assertDecision(DECIDER.decideRecipient(client, OUTSIDER, "info@relay.test"), Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:relay.test");
        assertDecision(DECIDER.decideRecipient(client, OUTSIDER, "nobody@relay.test"), Verdict.DENY,
            "550 5.1.1 <nobody@relay.test>: Recipient address rejected: User unknown in relay recipient table", "relay-recipient:relay.test");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routingToOutside")
    void trustedClientShouldRelayWithSenderRoutingToOutside(String recipient, String key, String kind) {
        assertDecision(DECIDER.decideRecipient(client("127.0.0.1"), OUTSIDER, recipient), Verdict.RELAY, TRUSTED_OK, LOOPBACK_RULE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routingToLocalDomain")
    void trustedClientShouldNotUseSenderRoutingToALocalDomain(String recipient, String key, String kind) {
        assertDecision(DECIDER.decideRecipient(client("127.0.0.1"), OUTSIDER, recipient), Verdict.DENY, routingRefused(key, kind), "sender-routing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routingToLocalDomain")
    void authenticatedClientShouldNotUseSenderRoutingToALocalDomain(String recipient, String key, String kind) {
        assertDecision(DECIDER.decideRecipient(alice(true), ALICE, recipient), Verdict.DENY, routingRefused(key, kind), "sender-routing");
    }

    @Test
    void trustedClientShouldUseSenderRoutingToARelayDomainThatAcceptsAnyRecipient() {
        assertDecision(DECIDER.decideRecipient(client("127.0.0.1"), OUTSIDER, "user%dest.test@backup.test"),
            Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:backup.test");
    }

    @Test
    void trustedClientShouldNotReachAnUnknownRelayRecipientThroughSenderRouting() {
        assertDecision(DECIDER.decideRecipient(client("127.0.0.1"), OUTSIDER, "\"info@relay.test\"@relay.test"), Verdict.DENY,
            "550 5.1.1 <info@relay.test@relay.test>: Recipient address rejected: User unknown in relay recipient table",
            "relay-recipient:relay.test");
    }

    @Test
    void ipv6LoopbackShouldRelay() {
        assertDecision(DECIDER.decideRecipient(client("::1"), OUTSIDER, OUTSIDE), Verdict.RELAY, TRUSTED_OK, IPV6_LOOPBACK_RULE);
    }

    @Test
    void otherIpv6ClientShouldNotRelay() {
        assertDecision(DECIDER.decideRecipient(client("::2"), OUTSIDER, OUTSIDE), Verdict.DENY, RELAY_DENIED, "relay-denied");
    }

    @Test
    void ipv4MappedClientShouldBeTrustedAsItsIpv4Address() throws Exception {
        ClientContext client = ClientContext.from(CidrTest.ipv4Mapped(127, 0, 0, 1)).build();

        assertDecision(DECIDER.decideRecipient(client, OUTSIDER, OUTSIDE), Verdict.RELAY, TRUSTED_OK, LOOPBACK_RULE);
    }

    @Test
    void ipv4MappedUntrustedClientShouldNotRelay() throws Exception {
        ClientContext client = ClientContext.from(CidrTest.ipv4Mapped(127, 0, 0, 2)).build();

        assertDecision(DECIDER.decideRecipient(client, OUTSIDER, OUTSIDE), Verdict.DENY, RELAY_DENIED, "relay-denied");
    }

    @Test
    void policyShouldFindTheNetworkOfAnIpv4MappedAddress() throws Exception {
        RelayPolicy policy = policy().build();

        assertThat(policy.trustedNetworkOf(CidrTest.ipv4Mapped(192, 0, 2, 99)).map(TrustedNetwork::ruleId)).contains(PRINTERS_RULE);
    }

    @Test
    void mostSpecificTrustedNetworkShouldDecide() {
        RelayDecider decider = decider(policy -> policy.trustedNetwork(TrustedNetwork.anySender(Cidr.parse("192.0.0.0/16"))));

        assertDecision(decider.decideRecipient(client("192.0.3.1"), OUTSIDER, OUTSIDE), Verdict.RELAY, TRUSTED_OK, "trusted-network:192.0.0.0/16");
        assertDecision(decider.decideRecipient(client(PRINTER), OUTSIDER, OUTSIDE), Verdict.DENY,
            RELAY_DENIED + ": sender <someone@outside.test> may not relay from 192.0.2.0/24", PRINTERS_RULE);
    }

    // ---------------------------------------------------------------- trusted network restricted to some senders

    @ParameterizedTest
    @ValueSource(strings = {"printer@local.test", "<PRINTER@Local.Test>", "scanner@apps.local.test", "Fax@APPS.local.test", "<>", ""})
    void printerNetworkShouldRelayWithAnAllowedSender(String sender) {
        assertDecision(DECIDER.decideRecipient(client(PRINTER), sender, OUTSIDE), Verdict.RELAY, TRUSTED_OK, PRINTERS_RULE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "someone@outside.test, someone@outside.test",
        "<Someone@Outside.Test>, someone@outside.test",
        "bob@local.test, bob@local.test",
        "printer@apps2.local.test, printer@apps2.local.test",
        "x@sub.apps.local.test, x@sub.apps.local.test",
        "printer@other.test, printer@other.test"
    })
    void printerNetworkShouldNotRelayWithAForeignSender(String sender, String senderKey) {
        assertDecision(DECIDER.decideRecipient(client(PRINTER), sender, OUTSIDE), Verdict.DENY,
            "550 5.7.1 <friend@outside.test>: Relay access denied: sender <" + senderKey + "> may not relay from 192.0.2.0/24", PRINTERS_RULE);
    }

    @Test
    void printerNetworkRefusalShouldBePreferredToAskingForAuthentication() {
        ClientContext client = from(PRINTER).authOffered(true).build();

        assertDecision(DECIDER.decideRecipient(client, OUTSIDER, OUTSIDE), Verdict.DENY,
            "550 5.7.1 <friend@outside.test>: Relay access denied: sender <someone@outside.test> may not relay from 192.0.2.0/24", PRINTERS_RULE);
    }

    @Test
    void printerNetworkShouldAcceptAForeignSenderAtMailStage() {
        assertDecision(DECIDER.decideSender(client(PRINTER), OUTSIDER), Verdict.SENDER_ACCEPTED, SENDER_OK, "sender");
    }

    @Test
    void printerNetworkWithAForeignSenderShouldStillReachLocalAndRelayDomains() {
        assertDecision(DECIDER.decideRecipient(client(PRINTER), OUTSIDER, "bob@local.test"), Verdict.LOCAL, LOCAL_OK, "local-domain:local.test");
        assertDecision(DECIDER.decideRecipient(client(PRINTER), OUTSIDER, "info@relay.test"), Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:relay.test");
    }

    @Test
    void printerNetworkWithAForeignSenderShouldNotUseSenderRouting() {
        assertDecision(DECIDER.decideRecipient(client(PRINTER), OUTSIDER, "friend%outside.test@relay.test"), Verdict.DENY,
            routingRefused("friend%outside.test@relay.test", "percent hack"), "sender-routing");
    }

    @Test
    void loggedInClientShouldRelayFromPrinterNetworkWithASenderThePrinterNetworkRefuses() {
        ClientContext client = from(PRINTER).login(ALICE).tls(true).build();

        assertDecision(DECIDER.decideRecipient(client, ALICE, OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    // ---------------------------------------------------------------- trusted network restricted to served senders

    @ParameterizedTest
    @ValueSource(strings = {"bob@local.test", "<BOB@LOCAL.TEST>", "anyone@relay.test", "anyone@backup.test", "<>"})
    void servedSendersOnlyNetworkShouldRelayWithAServedSender(String sender) {
        assertDecision(DECIDER.decideRecipient(client(SERVED_ONLY_CLIENT), sender, OUTSIDE), Verdict.RELAY, TRUSTED_OK, SERVED_ONLY_RULE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "someone@outside.test, outside.test",
        "<Someone@OUTSIDE.test>, outside.test",
        "x@sales.local.test, sales.local.test",
        "user@[192.0.2.1], [192.0.2.1]"
    })
    void servedSendersOnlyNetworkShouldNotRelayWithASenderOfAnotherDomain(String sender, String senderDomain) {
        assertDecision(DECIDER.decideRecipient(client(SERVED_ONLY_CLIENT), sender, OUTSIDE), Verdict.DENY,
            String.format(NOT_SERVED, senderDomain), SERVED_ONLY_RULE);
    }

    @Test
    void servedSendersOnlyNetworkShouldStillDeliverLocallyForAnySender() {
        assertDecision(DECIDER.decideRecipient(client(SERVED_ONLY_CLIENT), OUTSIDER, "bob@local.test"),
            Verdict.LOCAL, LOCAL_OK, "local-domain:local.test");
    }

    // ---------------------------------------------------------------- authenticated clients

    @ParameterizedTest
    @ValueSource(strings = {"alice@local.test", "alice@alias.test", "postmaster@local.test", "x@sales.local.test", "<>"})
    void authenticatedClientWithTlsShouldRelay(String sender) {
        assertDecision(DECIDER.decideRecipient(alice(true), sender, OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routingToOutside")
    void authenticatedClientWithTlsShouldRelayWithSenderRoutingToOutside(String recipient, String key, String kind) {
        assertDecision(DECIDER.decideRecipient(alice(true), ALICE, recipient), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    @Test
    void authenticatedClientWithoutTlsShouldBeToldToStartTls() {
        assertDecision(DECIDER.decideRecipient(alice(false), ALICE, OUTSIDE), Verdict.DENY, STARTTLS_REQUIRED, "authenticated-relay");
    }

    @Test
    void authenticatedClientWithoutTlsShouldNotUseSenderRouting() {
        assertDecision(DECIDER.decideRecipient(alice(false), ALICE, "friend%outside.test@relay.test"), Verdict.DENY,
            routingRefused("friend%outside.test@relay.test", "percent hack"), "sender-routing");
    }

    @Test
    void authenticatedClientWithoutTlsShouldStillDeliverLocallyAndToRelayDomains() {
        assertDecision(DECIDER.decideRecipient(alice(false), ALICE, "bob@local.test"), Verdict.LOCAL, LOCAL_OK, "local-domain:local.test");
        assertDecision(DECIDER.decideRecipient(alice(false), ALICE, "info@relay.test"), Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK, "relay-domain:relay.test");
    }

    @Test
    void authenticatedClientWithoutTlsShouldRelayFromATrustedNetwork() {
        ClientContext client = from("127.0.0.1").login(ALICE).build();

        assertDecision(DECIDER.decideRecipient(client, ALICE, OUTSIDE), Verdict.RELAY, TRUSTED_OK, LOOPBACK_RULE);
    }

    @Test
    void loginShouldBeComparedInLowerCase() {
        ClientContext client = from(INTERNET).login("Alice@LOCAL.test").tls(true).build();

        assertDecision(DECIDER.decideSender(client, "ALICE@local.TEST"), Verdict.SENDER_ACCEPTED, SENDER_OK, ALICE_RULE);
        assertDecision(DECIDER.decideRecipient(client, "ALICE@local.TEST", OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    // ---------------------------------------------------------------- sender login binding

    @ParameterizedTest
    @ValueSource(strings = {"alice@local.test", "<Alice@Local.Test>", "alice@alias.test", "ALICE@ALIAS.TEST", "postmaster@local.test",
        "x@sales.local.test", "Anyone@SALES.local.test"})
    void authenticatedClientShouldSendAsAnAddressItOwns(String sender) {
        assertDecision(DECIDER.decideSender(alice(false), sender), Verdict.SENDER_ACCEPTED, SENDER_OK, ALICE_RULE);
        assertDecision(DECIDER.decideSender(alice(true), sender), Verdict.SENDER_ACCEPTED, SENDER_OK, ALICE_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<>", ""})
    void authenticatedClientShouldSendWithTheNullSender(String sender) {
        assertDecision(DECIDER.decideSender(alice(true), sender), Verdict.SENDER_ACCEPTED, SENDER_OK, "null-sender");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bob@local.test, bob@local.test",
        "<Bob@Local.Test>, bob@local.test",
        "bob@alias.test, bob@alias.test",
        "alice@outside.test, alice@outside.test",
        "alice@sub.local.test, alice@sub.local.test",
        "x@sub.sales.local.test, x@sub.sales.local.test",
        "info@relay.test, info@relay.test"
    })
    void authenticatedClientShouldNotSendAsAnAddressItDoesNotOwn(String sender, String senderKey) {
        assertDecision(DECIDER.decideSender(alice(true), sender), Verdict.DENY,
            "553 5.7.1 <" + senderKey + ">: Sender address rejected: not owned by user alice@local.test", ALICE_RULE);
    }

    @Test
    void authenticatedClientShouldNotSendAsBob() {
        assertDecision(DECIDER.decideSender(alice(true), "bob@local.test"), Verdict.DENY, ALICE_DOES_NOT_OWN_BOB, ALICE_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"friend@outside.test", "bob@local.test", "info@relay.test"})
    void recipientDecisionShouldRepeatTheSenderLoginRefusal(String recipient) {
        assertDecision(DECIDER.decideRecipient(alice(true), "bob@local.test", recipient), Verdict.DENY, ALICE_DOES_NOT_OWN_BOB, ALICE_RULE);
    }

    @Test
    void recipientDecisionShouldRepeatTheSenderLoginRefusalFromATrustedNetwork() {
        ClientContext client = from("127.0.0.1").login(ALICE).build();

        assertDecision(DECIDER.decideRecipient(client, "bob@local.test", OUTSIDE), Verdict.DENY, ALICE_DOES_NOT_OWN_BOB, ALICE_RULE);
    }

    @Test
    void loginWithoutSenderLoginEntryShouldSendAsItself() {
        ClientContext carol = from(INTERNET).login("carol@local.test").tls(true).build();

        assertDecision(DECIDER.decideSender(carol, "carol@local.test"), Verdict.SENDER_ACCEPTED, SENDER_OK, "sender-login:carol@local.test");
        assertDecision(DECIDER.decideSender(carol, "x@sales.local.test"), Verdict.DENY,
            "553 5.7.1 <x@sales.local.test>: Sender address rejected: not owned by user carol@local.test", "sender-login:carol@local.test");
    }

    @Test
    void acceptedSenderDecidedAgainShouldStillNameItsOwnLogin() {
        ClientContext carol = from(INTERNET).login("carol@local.test").tls(true).build();

        for (int round = 0; round < 2; round++) {
            assertDecision(DECIDER.decideSender(alice(true), ALICE), Verdict.SENDER_ACCEPTED, SENDER_OK, ALICE_RULE);
            assertDecision(DECIDER.decideSender(carol, "carol@local.test"), Verdict.SENDER_ACCEPTED, SENDER_OK, "sender-login:carol@local.test");
            assertDecision(DECIDER.decideSender(alice(true), "orders@sales.local.test"), Verdict.SENDER_ACCEPTED, SENDER_OK, ALICE_RULE);
        }
    }

    // ---------------------------------------------------------------- local-senders-require-login

    @Test
    void localSenderShouldBeAcceptedFromAnUntrustedClientByDefault() {
        assertDecision(DECIDER.decideSender(client(UNTRUSTED), "bob@local.test"), Verdict.SENDER_ACCEPTED, SENDER_OK, "sender");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@local.test", "<BOB@Local.Test>"})
    void localSenderShouldBeRefusedFromAnUntrustedClientWhenLoginIsRequired(String sender) {
        RelayDecider decider = decider(policy -> policy.localSendersRequireLogin(true));

        assertDecision(decider.decideSender(client(UNTRUSTED), sender), Verdict.DENY, BOB_NOT_LOGGED_IN, "local-senders-require-login");
        assertDecision(decider.decideRecipient(client(UNTRUSTED), sender, "alice@local.test"), Verdict.DENY, BOB_NOT_LOGGED_IN,
            "local-senders-require-login");
    }

    @Test
    void foreignSenderShouldBeAcceptedFromAnUntrustedClientWhenLoginIsRequired() {
        RelayDecider decider = decider(policy -> policy.localSendersRequireLogin(true));

        assertDecision(decider.decideSender(client(UNTRUSTED), OUTSIDER), Verdict.SENDER_ACCEPTED, SENDER_OK, "sender");
        assertDecision(decider.decideSender(client(UNTRUSTED), "<>"), Verdict.SENDER_ACCEPTED, SENDER_OK, "null-sender");
        assertDecision(decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "bob@local.test"), Verdict.LOCAL, LOCAL_OK, "local-domain:local.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", SERVED_ONLY_CLIENT})
    void localSenderShouldBeAcceptedFromATrustedNetworkWhenLoginIsRequired(String ip) {
        RelayDecider decider = decider(policy -> policy.localSendersRequireLogin(true));

        assertDecision(decider.decideSender(client(ip), "bob@local.test"), Verdict.SENDER_ACCEPTED, SENDER_OK, "sender");
    }

    @Test
    void senderLimitedNetworkShouldOnlyVouchForItsOwnSendersWhenLoginIsRequired() {
        RelayDecider decider = decider(policy -> policy.localSendersRequireLogin(true));

        assertDecision(decider.decideSender(client(PRINTER), "printer@local.test"), Verdict.SENDER_ACCEPTED, SENDER_OK, "sender");
        assertDecision(decider.decideSender(client(PRINTER), "bob@local.test"), Verdict.DENY, BOB_NOT_LOGGED_IN,
            "local-senders-require-login");
    }

    @Test
    void localSenderShouldRelayFromATrustedNetworkWhenLoginIsRequired() {
        RelayDecider decider = decider(policy -> policy.localSendersRequireLogin(true));

        assertDecision(decider.decideRecipient(client("127.0.0.1"), "bob@local.test", OUTSIDE), Verdict.RELAY, TRUSTED_OK, LOOPBACK_RULE);
    }

    @Test
    void localSenderShouldBeAcceptedFromALoggedInClientWhenLoginIsRequired() {
        RelayDecider decider = decider(policy -> policy.localSendersRequireLogin(true));

        assertDecision(decider.decideSender(alice(false), ALICE), Verdict.SENDER_ACCEPTED, SENDER_OK, ALICE_RULE);
        assertDecision(decider.decideRecipient(alice(true), ALICE, OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    // ---------------------------------------------------------------- open relay mode

    @ParameterizedTest
    @ValueSource(strings = {UNTRUSTED, INTERNET, PRINTER, "2001:db8::25"})
    void anyClientShouldRelayInOpenRelayMode(String ip) {
        RelayDecider decider = decider(policy -> policy.relayMode(RelayPolicy.RelayMode.OPEN_RELAY));

        Decision decision = decider.decideRecipient(client(ip), OUTSIDER, OUTSIDE);

        assertThat(decision.verdict()).isEqualTo(Verdict.RELAY);
        assertThat(decision.reply().asString()).isEqualTo(OPEN_RELAY_OK);
        assertThat(decision.ruleId()).isEqualTo("relay-mode:open-relay");
        assertThat(decision.warning()).contains("open relay mode: any client may relay through this server");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routingToOutside")
    void untrustedClientShouldRelayWithSenderRoutingInOpenRelayMode(String recipient, String key, String kind) {
        RelayDecider decider = decider(policy -> policy.relayMode(RelayPolicy.RelayMode.OPEN_RELAY));

        Decision decision = decider.decideRecipient(client(UNTRUSTED), OUTSIDER, recipient);

        assertThat(decision.verdict()).isEqualTo(Verdict.RELAY);
        assertThat(decision.ruleId()).isEqualTo("relay-mode:open-relay");
        assertThat(decision.warning()).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routingToLocalDomain")
    void senderRoutingToALocalDomainShouldBeRefusedEvenInOpenRelayMode(String recipient, String key, String kind) {
        RelayDecider decider = decider(policy -> policy.relayMode(RelayPolicy.RelayMode.OPEN_RELAY));

        Decision decision = decider.decideRecipient(client(UNTRUSTED), OUTSIDER, recipient);

        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.reply().asString()).isEqualTo(routingRefused(key, kind));
        assertThat(decision.ruleId()).isEqualTo("sender-routing");
    }

    @Test
    void unknownRelayRecipientShouldBeRefusedEvenInOpenRelayMode() {
        RelayDecider decider = decider(policy -> policy.relayMode(RelayPolicy.RelayMode.OPEN_RELAY));

        Decision decision = decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "nobody@relay.test");

        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.reply().asString())
            .isEqualTo("550 5.1.1 <nobody@relay.test>: Recipient address rejected: User unknown in relay recipient table");
        assertThat(decision.ruleId()).isEqualTo("relay-recipient:relay.test");
    }

    @Test
    void relayDecisionsShouldCarryNoWarningOutsideOpenRelayMode() {
        assertThat(DECIDER.decideRecipient(client("127.0.0.1"), OUTSIDER, OUTSIDE).warning()).isEmpty();
        assertThat(DECIDER.decideRecipient(alice(true), ALICE, OUTSIDE).warning()).isEmpty();
    }

    @Test
    void everyDecisionShouldCarryTheWarningInOpenRelayMode() {
        RelayDecider decider = decider(policy -> policy.relayMode(RelayPolicy.RelayMode.OPEN_RELAY));

        assertThat(decider.decideSender(client(UNTRUSTED), OUTSIDER).warning()).isPresent();
        assertThat(decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "bob@local.test").warning()).isPresent();
        assertThat(decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "info@relay.test").warning()).isPresent();
    }

    @Test
    void everyDecisionShouldCarryTheWarningWhenAWideNetworkIsTrusted() {
        RelayDecider decider = decider(policy -> policy.trustedNetwork(TrustedNetwork.anySender(Cidr.parse("128.0.0.0/1"))));
        String warning = "wide trusted network 128.0.0.0/1: every client in it may relay through this server";

        assertThat(decider.decideRecipient(client(INTERNET), OUTSIDER, OUTSIDE))
            .extracting(Decision::verdict, Decision::ruleId, Decision::warning)
            .containsExactly(Verdict.RELAY, "trusted-network:128.0.0.0/1", Optional.of(warning));
        assertThat(decider.decideSender(client(UNTRUSTED), OUTSIDER).warning()).contains(warning);
        assertThat(decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "bob@local.test").warning()).contains(warning);
    }

    // ---------------------------------------------------------------- fail closed

    static Stream<Arguments> anyClientAndRecipient() {
        return Stream.of(
            Arguments.of(client(UNTRUSTED), OUTSIDER, OUTSIDE),
            Arguments.of(client("127.0.0.1"), OUTSIDER, OUTSIDE),
            Arguments.of(client(UNTRUSTED), "<>", "bob@local.test"),
            Arguments.of(alice(true), ALICE, "info@relay.test"),
            Arguments.of(client(UNTRUSTED), "user@", "user"));
    }

    @ParameterizedTest
    @MethodSource("anyClientAndRecipient")
    void failClosedDeciderShouldTemporarilyRefuseEverySender(ClientContext client, String sender, String recipient) {
        Decision decision = RelayDecider.failClosed("policy file unreadable").decideSender(client, sender);

        assertThat(decision)
            .extracting(Decision::verdict, d -> d.reply().asString(), Decision::ruleId, Decision::warning)
            .containsExactly(Verdict.TEMPFAIL, "451 4.3.0 Relay policy temporarily unavailable, try again later", "policy-unavailable",
                Optional.of("policy file unreadable"));
        assertThat(decision.isAccepted()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("anyClientAndRecipient")
    void failClosedDeciderShouldTemporarilyRefuseEveryRecipient(ClientContext client, String sender, String recipient) {
        Decision decision = RelayDecider.failClosed("policy file unreadable").decideRecipient(client, sender, recipient);

        assertThat(decision)
            .extracting(Decision::verdict, d -> d.reply().asString(), Decision::ruleId, Decision::warning)
            .containsExactly(Verdict.TEMPFAIL, "451 4.3.0 Relay policy temporarily unavailable, try again later", "policy-unavailable",
                Optional.of("policy file unreadable"));
        assertThat(decision.isAccepted()).isFalse();
    }

    // ---------------------------------------------------------------- authenticated-relay modes

    @Test
    void authenticatedClientShouldNotRelayWhenAuthenticatedRelayIsOff() {
        RelayDecider decider = decider(policy -> policy.authenticatedRelay(new AuthenticatedRelay(AuthenticatedRelay.Mode.OFF, false)));

        assertDecision(decider.decideRecipient(alice(true), ALICE, OUTSIDE), Verdict.DENY,
            "550 5.7.1 <friend@outside.test>: Relay access denied: authenticated relaying is disabled", "authenticated-relay");
    }

    @Test
    void authenticatedRelayOffShouldKeepSenderBindingLocalDeliveryAndTrustedNetworks() {
        RelayDecider decider = decider(policy -> policy.authenticatedRelay(new AuthenticatedRelay(AuthenticatedRelay.Mode.OFF, false)));

        assertDecision(decider.decideSender(alice(true), ALICE), Verdict.SENDER_ACCEPTED, SENDER_OK, ALICE_RULE);
        assertDecision(decider.decideSender(alice(true), "bob@local.test"), Verdict.DENY, ALICE_DOES_NOT_OWN_BOB, ALICE_RULE);
        assertDecision(decider.decideRecipient(alice(true), ALICE, "bob@local.test"), Verdict.LOCAL, LOCAL_OK, "local-domain:local.test");
        assertDecision(decider.decideRecipient(from("127.0.0.1").login(ALICE).build(), ALICE, OUTSIDE), Verdict.RELAY, TRUSTED_OK, LOOPBACK_RULE);
    }

    @Test
    void authenticatedClientWithoutTlsShouldRelayWhenAuthenticatedRelayIsAllowed() {
        RelayDecider decider = decider(policy -> policy.authenticatedRelay(AuthenticatedRelay.DEFAULT));

        assertDecision(decider.decideRecipient(alice(false), ALICE, OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    @Test
    void authenticatedRelayServedSendersOnlyShouldRefuseASenderOfAnotherDomain() {
        RelayDecider decider = decider(policy -> policy.authenticatedRelay(new AuthenticatedRelay(AuthenticatedRelay.Mode.TLS_ONLY, true)));

        assertDecision(decider.decideRecipient(alice(true), "x@sales.local.test", OUTSIDE), Verdict.DENY,
            String.format(NOT_SERVED, "sales.local.test"), "authenticated-relay");
        assertDecision(decider.decideRecipient(alice(true), ALICE, OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
        assertDecision(decider.decideRecipient(alice(true), "<>", OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    @Test
    void senderLoginServedSendersOnlyShouldRefuseASenderOfAnotherDomainUnderItsOwnRule() {
        RelayDecider decider = new PolicyDecider(RelayPolicy.builder()
            .senderLogin(new SenderLogin(ALICE, List.of(AddressPattern.parse("@sales.local.test")), true))
            .build(), DIRECTORY);

        assertDecision(decider.decideRecipient(alice(false), "x@sales.local.test", OUTSIDE), Verdict.DENY,
            String.format(NOT_SERVED, "sales.local.test"), ALICE_RULE);
        assertDecision(decider.decideRecipient(alice(false), ALICE, OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    // ---------------------------------------------------------------- served-senders-only for everyone

    @Test
    void trustedClientShouldNotRelayWithAForeignSenderWhenOnlyServedSendersMayRelay() {
        RelayDecider decider = decider(policy -> policy.servedSendersOnly(true));

        assertDecision(decider.decideRecipient(client("127.0.0.1"), OUTSIDER, OUTSIDE), Verdict.DENY,
            String.format(NOT_SERVED, "outside.test"), LOOPBACK_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@local.test", "anyone@relay.test", "anyone@backup.test", "<>"})
    void trustedClientShouldRelayWithAServedSenderWhenOnlyServedSendersMayRelay(String sender) {
        RelayDecider decider = decider(policy -> policy.servedSendersOnly(true));

        assertDecision(decider.decideRecipient(client("127.0.0.1"), sender, OUTSIDE), Verdict.RELAY, TRUSTED_OK, LOOPBACK_RULE);
    }

    @Test
    void authenticatedClientShouldNotRelayWithAForeignSenderWhenOnlyServedSendersMayRelay() {
        RelayDecider decider = decider(policy -> policy.servedSendersOnly(true));

        assertDecision(decider.decideRecipient(alice(true), "x@sales.local.test", OUTSIDE), Verdict.DENY,
            String.format(NOT_SERVED, "sales.local.test"), "authenticated-relay");
        assertDecision(decider.decideRecipient(alice(true), ALICE, OUTSIDE), Verdict.RELAY, AUTHENTICATED_OK, "authenticated-relay");
    }

    @Test
    void servedSendersOnlyShouldNotConcernLocalDelivery() {
        RelayDecider decider = decider(policy -> policy.servedSendersOnly(true));

        assertDecision(decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "bob@local.test"), Verdict.LOCAL, LOCAL_OK, "local-domain:local.test");
        assertDecision(decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "info@relay.test"), Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK,
            "relay-domain:relay.test");
    }

    @Test
    void domainBothLocalAndRelayShouldBeTreatedAsARelayDomain() {
        LocalDirectory directory = LocalDirectory.builder().localDomain("local.test").localDomain("relay.test").build();
        RelayDecider decider = new PolicyDecider(policy().build(), directory);

        assertDecision(decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "info@relay.test"), Verdict.RELAY_DOMAIN, RELAY_DOMAIN_OK,
            "relay-domain:relay.test");
        assertDecision(decider.decideRecipient(client(UNTRUSTED), OUTSIDER, "nobody@relay.test"), Verdict.DENY,
            "550 5.1.1 <nobody@relay.test>: Recipient address rejected: User unknown in relay recipient table", "relay-recipient:relay.test");
    }

    // ---------------------------------------------------------------- empty policy

    @Test
    void emptyPolicyShouldRelayForNobody() {
        RelayDecider decider = new PolicyDecider(RelayPolicy.empty(), LocalDirectory.empty());

        assertDecision(decider.decideRecipient(client("127.0.0.1"), OUTSIDER, OUTSIDE), Verdict.DENY, RELAY_DENIED, "relay-denied");
        assertDecision(decider.decideRecipient(client("127.0.0.1"), OUTSIDER, "bob@local.test"), Verdict.DENY,
            "550 5.7.1 <bob@local.test>: Relay access denied", "relay-denied");
    }

    @Test
    void clientContextShouldCanonicalizeAnIpv4MappedAddress() throws Exception {
        ClientContext client = ClientContext.from(CidrTest.ipv4Mapped(192, 0, 2, 10)).build();

        assertThat(client.address()).isEqualTo(InetAddress.getByName("192.0.2.10"));
    }
}
