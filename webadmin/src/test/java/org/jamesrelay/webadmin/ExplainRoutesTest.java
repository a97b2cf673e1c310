package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.explain;

import java.time.Duration;
import java.util.Optional;

import org.jamesrelay.core.RateLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;

class ExplainRoutesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void outsiderShouldBeDeniedRelaying() {
        explain("{\"client\":\"203.0.113.9\",\"helo\":\"mx.outside.example\",\"sender\":\"<a@outside.example>\",\"recipient\":\"<x@elsewhere.example>\"}")
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("verdict", is("DENY"))
            .body("accepted", is(false))
            .body("reply.code", is(550))
            .body("reply.enhancedStatus", is("5.7.1"))
            .body("reply.text", is("<x@elsewhere.example>: Relay access denied"))
            .body("rule", is("relay-denied"))
            .body("warning", nullValue())
            .body("policyVersion", is(1))
            .body("senderDecision.verdict", is("SENDER_ACCEPTED"))
            .body("senderDecision.reply.code", is(250))
            .body("route", nullValue())
            .body("note", is("refused: nothing would be routed"));
    }

    @Test
    void explanationShouldShowTheLimitsTheClientMeetsWithTheirCounts() throws Exception {
        given().contentType(ContentType.TEXT).body(relay.policyText() + "rate-limit login-hourly scope=login counts=messages max=200/1h\n"
            + "rate-limit client-sessions scope=client counts=sessions max=10\n")
            .when().put("/policy").then().statusCode(204);
        RateLimit hourly = new RateLimit("login-hourly", RateLimit.Scope.LOGIN, RateLimit.Counted.MESSAGES, 200, Optional.of(Duration.ofHours(1)));
        relay.rateLimiter().tryAcquire(hourly, "alice@local.test", 1);
        relay.rateLimiter().tryAcquire(hourly, "alice@local.test", 1);

        explain("{\"client\":\"203.0.113.9\",\"login\":\"Alice@local.test\",\"tls\":true,\"authOffered\":true,"
            + "\"sender\":\"alice@local.test\",\"recipient\":\"x@elsewhere.example\"}")
            .statusCode(200)
            .body("limits.exempt", is(false))
            .body("limits.errorLimits", is("soft 10, hard 20, sleep 1000ms, junk 100"))
            .body("limits.lockout", nullValue())
            .body("limits.rateLimits.name", contains("login-hourly", "client-sessions"))
            .body("limits.rateLimits.key", contains("alice@local.test", "203.0.113.9"))
            .body("limits.rateLimits.count", contains(2, 0))
            .body("limits.rateLimits.max", contains(200, 10))
            .body("limits.rateLimits.windowSeconds", contains(3600, null));
    }

    @Test
    void trustedClientsShouldBeShownExemptFromTheLimits() {
        explain("{\"client\":\"127.0.0.1\",\"sender\":\"app@local.test\",\"recipient\":\"x@elsewhere.example\"}")
            .body("limits.exempt", is(true))
            .body("limits.rateLimits", empty());
    }

    @Test
    void trustedNetworkShouldRelayByTheRouteOfTheRecipient() {
        explain("{\"client\":\"127.0.0.1\",\"sender\":\"app@local.test\",\"recipient\":\"x@elsewhere.example\"}")
            .body("verdict", is("RELAY"))
            .body("accepted", is(true))
            .body("reply.code", is(250))
            .body("rule", is("trusted-network:127.0.0.1/32"))
            .body("route.rule", is("route:*"))
            .body("route.hops", contains("[smtp.isp.test]:587"))
            .body("route.direct", is(false))
            .body("route.tls", is("verify"))
            .body("route.credentials", is("isp"))
            .body("route.balance", is("failover"))
            .body("note", nullValue());
    }

    @Test
    void routeShouldDependOnTheSender() {
        explain("{\"client\":\"127.0.0.1\",\"sender\":\"<bob@Marketing.test>\",\"recipient\":\"x@elsewhere.example\"}")
            .body("verdict", is("RELAY"))
            .body("route.rule", is("sender-route:@marketing.test"))
            .body("route.hops", contains("[127.0.0.1]:2527", "[127.0.0.1]:2528"))
            .body("route.balance", is("round-robin"))
            .body("route.credentials", nullValue());
        explain("{\"client\":\"127.0.0.1\",\"sender\":\"<>\",\"recipient\":\"x@elsewhere.example\"}")
            .body("route.rule", is("route:*"));
    }

    @Test
    void withoutARouteRelayedMailShouldGoDirectlyByMx() {
        given().contentType(ContentType.TEXT).body("trusted-network 127.0.0.1/32\n").when().put("/policy").then().statusCode(204);

        explain("{\"client\":\"127.0.0.1\",\"sender\":\"app@local.test\",\"recipient\":\"x@elsewhere.example\"}")
            .body("verdict", is("RELAY"))
            .body("route.rule", is("default-route:direct"))
            .body("route.hops", empty())
            .body("route.direct", is(true))
            .body("route.tls", is("may"))
            .body("route.credentials", nullValue());
    }

    @Test
    void authenticatedClientShouldNeedTls() {
        String withoutTls = "{\"client\":\"203.0.113.9\",\"login\":\"alice@local.test\",\"authOffered\":true,"
            + "\"sender\":\"alice@local.test\",\"recipient\":\"x@elsewhere.example\"}";

        explain(withoutTls).body("verdict", is("DENY")).body("reply.code", is(530)).body("reply.text", is("Must issue a STARTTLS command first"));
        explain(withoutTls.replace("\"authOffered\"", "\"tls\":true,\"authOffered\""))
            .body("verdict", is("RELAY")).body("rule", is("authenticated-relay"));
    }

    @Test
    void refusedSenderShouldDecideTheRecipientToo() {
        explain("{\"client\":\"203.0.113.9\",\"sender\":\"alice@local.test\",\"recipient\":\"info@relay.test\"}")
            .body("verdict", is("DENY"))
            .body("rule", is("local-senders-require-login"))
            .body("route", nullValue())
            .body("senderDecision.reply.text", is("<alice@local.test>: Sender address rejected: not logged in"));
    }

    @Test
    void localRecipientShouldBeLocal() {
        explain("{\"client\":\"203.0.113.9\",\"sender\":\"\",\"recipient\":\"bob@local.test\"}")
            .body("verdict", is("LOCAL"))
            .body("senderDecision.rule", is("null-sender"))
            .body("route", nullValue())
            .body("note", is("delivered locally by James: no route"));
    }

    @Test
    void getShouldExplainFromQueryParameters() {
        given().queryParam("client", "203.0.113.9").queryParam("sender", "a@outside.example").queryParam("recipient", "info@relay.test")
            .when().get("/explain").then()
            .statusCode(200)
            .body("verdict", is("RELAY_DOMAIN"))
            .body("rule", is("relay-domain:relay.test"))
            .body("route.rule", is("route:relay.test"))
            .body("route.hops", contains("[127.0.0.1]:2526"))
            .body("route.tls", is("encrypt"))
            .body("route.credentials", is("up1"));
    }

    @Test
    void badRequestsShouldSayWhatIsWrong() {
        badRequest(explain("{\"client\":\"nonsense\",\"sender\":\"a@b.test\",\"recipient\":\"c@d.test\"}"), "client: 'nonsense' is not an IP address");
        badRequest(explain("{\"client\":\"192.0.2.1\",\"sender\":\"a@b.test\"}"), "recipient is missing");
        badRequest(explain("{\"client\":\"192.0.2.1\",\"sender\":\"a@b.test\",\"recipient\":\"c@d.test\",\"tls\":\"yes\"}"),
            "tls must be true or false, not a string");
        badRequest(explain("{\"ip\":\"192.0.2.1\"}"), "unknown field 'ip'; the fields are authOffered, client, helo, login, recipient, sender, tls");
        badRequest(explain("[]"), "JSON payload of the request must be an object, not an array");
        badRequest(given().queryParam("client", "192.0.2.1").when().get("/explain").then(), "sender is missing");
    }
}
