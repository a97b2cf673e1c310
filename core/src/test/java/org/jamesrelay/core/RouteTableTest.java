package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
    private static final String POLICY = String.join("\n",
        "route relay.test [127.0.0.1]:2601",
        "route vip@relay.test [127.0.0.1]:2602",
        "route .corp.test [127.0.0.1]:2603",
        "route eu.corp.test [127.0.0.1]:2604",
        "sender-route @marketing.test [127.0.0.1]:2605",
        "sender-route ceo@marketing.test [127.0.0.1]:2606",
        "route * [127.0.0.1]:2600");

    private static RouteTable table(String... extraLines) throws PolicyFileException {
        return PolicyFileParser.parse("relay-policy.conf", POLICY + "\n" + String.join("\n", extraLines)).routes();
    }

    private static String ruleFor(RouteTable table, String sender, String recipient) throws AddressSyntaxException {
        Optional<EnvelopeAddress> envelopeSender = sender.isEmpty() ? Optional.empty() : Optional.of(EnvelopeAddress.parse(sender));
        return table.routeFor(envelopeSender, EnvelopeAddress.parse(recipient)).ruleId();
    }

    @ParameterizedTest(name = "from <{0}> to {1}: {2}")
    @CsvSource({
        "a@local.test,     vip@relay.test,       route:vip@relay.test",
        "a@local.test,     VIP@Relay.TEST,       route:vip@relay.test",
        "a@local.test,     info@relay.test,      route:relay.test",
        "a@local.test,     x@sub.relay.test,     route:*",
        "a@local.test,     x@corp.test,          route:*",
        "a@local.test,     x@hq.corp.test,       route:.corp.test",
        "a@local.test,     x@a.b.corp.test,      route:.corp.test",
        "a@local.test,     x@eu.corp.test,       route:eu.corp.test",
        "a@local.test,     x@elsewhere.test,     route:*",
        "ceo@marketing.test, x@elsewhere.test,   sender-route:ceo@marketing.test",
        "bob@marketing.test, x@elsewhere.test,   sender-route:@marketing.test",
        "bob@sub.marketing.test, x@elsewhere.test, route:*",
        "bob@marketing.test, info@relay.test,    route:relay.test",
        "'',               x@elsewhere.test,     route:*",
        "a@local.test,     'x@[192.0.2.1]',      route:*",
    })
    void theMostSpecificRecipientRouteWinsThenSenderRoutesThenTheDefault(String sender, String recipient, String rule) throws Exception {
        assertThat(ruleFor(table(), sender, recipient)).isEqualTo(rule);
    }

    @Test
    void senderRoutesFirstPutsSenderRoutesBeforeRecipientRoutes() throws Exception {
        RouteTable table = table("sender-routes-first yes");

        assertThat(ruleFor(table, "bob@marketing.test", "info@relay.test")).isEqualTo("sender-route:@marketing.test");
        assertThat(ruleFor(table, "bob@other.test", "info@relay.test")).isEqualTo("route:relay.test");
    }

    @Test
    void withoutADefaultRouteMailGoesDirectlyByMx() throws Exception {
        RouteTable table = PolicyFileParser.parse("p", "route relay.test [127.0.0.1]:2601").routes();

        Route route = table.routeFor(Optional.empty(), EnvelopeAddress.parse("x@elsewhere.test"));

        assertThat(route.ruleId()).isEqualTo("default-route:direct");
        assertThat(route.transport().isDirect()).isTrue();
        assertThat(table.defaultRoute()).isEmpty();
    }

    @Test
    void theRouteCarriesItsHopsTlsPolicyCredentialsNameAndBalance() throws Exception {
        RouteTable table = PolicyFileParser.parse("p",
            "route relay.test [127.0.0.1]:2601,backup.relay.test:2602,mx.relay.test tls=verify credentials=upstream-1 balance=round-robin").routes();

        Transport transport = table.routeFor(Optional.empty(), EnvelopeAddress.parse("x@relay.test")).transport();

        assertThat(transport.hops()).containsExactly(new NextHop("127.0.0.1", 2601), new NextHop("backup.relay.test", 2602),
            new NextHop("mx.relay.test", 25));
        assertThat(transport.tls()).isEqualTo(TlsPolicy.VERIFY);
        assertThat(transport.credentials()).contains("upstream-1");
        assertThat(transport.balance()).isEqualTo(Transport.Balance.ROUND_ROBIN);
        assertThat(transport.toString()).isEqualTo("[127.0.0.1]:2601,[backup.relay.test]:2602,[mx.relay.test]:25 tls=verify credentials=upstream-1 balance=round-robin");
    }

    @Test
    void routesDefaultToOpportunisticTlsFailoverAndNoLogin() throws Exception {
        Transport transport = PolicyFileParser.parse("p", "route * [127.0.0.1]:2600").routes().defaultRoute().orElseThrow().transport();

        assertThat(transport.tls()).isEqualTo(TlsPolicy.MAY);
        assertThat(transport.credentials()).isEmpty();
        assertThat(transport.balance()).isEqualTo(Transport.Balance.FAILOVER);
    }

    @Test
    void routesWithEqualTransportsAreDeliveredTogether() throws Exception {
        RouteTable table = PolicyFileParser.parse("p", String.join("\n",
            "route a.test [127.0.0.1]:2601 tls=encrypt", "route b.test [127.0.0.1]:2601 tls=encrypt", "route c.test [127.0.0.1]:2601")).routes();

        Transport a = table.routeFor(Optional.empty(), EnvelopeAddress.parse("x@a.test")).transport();
        Transport b = table.routeFor(Optional.empty(), EnvelopeAddress.parse("x@b.test")).transport();
        Transport c = table.routeFor(Optional.empty(), EnvelopeAddress.parse("x@c.test")).transport();

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "route relay.test|relay-policy.conf:1: 'route relay.test': route needs next hops after relay.test: direct or [HOST]:PORT[,[HOST]:PORT...]",
        "route relay.test [127.0.0.1]:99999|port 99999 is not between 1 and 65535",
        "route relay.test [127.0.0.1:25|missing ']'",
        "route relay.test [::1]:25|IPv6 next hops are not supported",
        "route relay.test [256.0.0.1]:25|256 is over 255",
        "route relay.test [127.0.0.1]:x|expected [HOST]:PORT",
        "route relay.test [127.0.0.1]:25 tls=maybe|tls=maybe is not one of none, may, encrypt, verify",
        "route relay.test [127.0.0.1]:25 balance=random|balance=random is not one of failover, round-robin",
        "route relay.test [127.0.0.1]:25 credentials=a/b|credentials name 'a/b' may only hold letters",
        "route relay.test direct credentials=up|credentials need next hops",
        "route relay.test [127.0.0.1]:25 priority=1|unknown option priority for route",
        "route bad..test [127.0.0.1]:25|empty label",
        "route a%b@relay.test [127.0.0.1]:25|uses",
        "sender-route marketing.test [127.0.0.1]:25|'marketing.test' is neither an address nor @domain",
    })
    void aBadRouteEntryIsRefusedWithItsLineAndProblem(String entry, String problem) {
        assertThatThrownBy(() -> PolicyFileParser.parse("relay-policy.conf", entry))
            .isInstanceOf(PolicyFileException.class)
            .hasMessageContaining(problem)
            .hasMessageStartingWith("relay-policy.conf:1: '" + entry + "'");
    }

    @Test
    void aRouteSetTwiceIsRefusedWithItsLine() {
        assertThatThrownBy(() -> PolicyFileParser.parse("relay-policy.conf",
            "route relay.test [127.0.0.1]:25\nroute RELAY.test [127.0.0.1]:26"))
            .hasMessage("relay-policy.conf:2: 'route RELAY.test [127.0.0.1]:26': route:relay.test is already set on line 1");
        assertThatThrownBy(() -> PolicyFileParser.parse("relay-policy.conf", "route * direct\nroute * [127.0.0.1]:26"))
            .hasMessageContaining("route:* is already set on line 1");
    }
}
