package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.POLICY;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.conflict;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.encoded;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.explain;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;

class RouteTableRoutesTest {
    private static final String TRUSTED_CLIENT = "{\"client\":\"127.0.0.1\",\"sender\":\"%s\",\"recipient\":\"%s\"}";

    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void listShouldGiveTheRoutesByDestinationThenBySender() {
        when().get("/routes").then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("senderRoutesFirst", is(false))
            .body("routes.destination", contains("relay.test", "*"))
            .body("routes.kind", contains("domain", "default"))
            .body("routes.rule", contains("route:relay.test", "route:*"))
            .body("routes[1].hops", contains("[smtp.isp.test]:587"))
            .body("routes[1].tls", is("verify"))
            .body("routes[1].credentials", is("isp"))
            .body("senderRoutes.sender", contains("@marketing.test"))
            .body("senderRoutes[0].kind", is("domain"))
            .body("senderRoutes[0].hops", contains("[127.0.0.1]:2527", "[127.0.0.1]:2528"))
            .body("senderRoutes[0].credentials", nullValue())
            .body("senderRoutes[0].balance", is("round-robin"))
            .body("senderRoutes[0].rule", is("sender-route:@marketing.test"));
        when().get("/sender-routes").then().statusCode(200).body("sender", contains("@marketing.test"));
    }

    @Test
    void getShouldGiveOneRouteInCanonicalForm() {
        String route = when().get("/routes/Relay.TEST").then().statusCode(200).extract().body().asString();

        assertThat(route).isEqualTo("{\"destination\":\"relay.test\",\"kind\":\"domain\",\"rule\":\"route:relay.test\","
            + "\"hops\":[\"[127.0.0.1]:2526\"],\"direct\":false,\"tls\":\"encrypt\",\"credentials\":\"up1\",\"balance\":\"failover\"}");
        when().get("/routes/%2A").then().statusCode(200).body("destination", is("*")).body("kind", is("default"));
        when().get("/sender-routes/@Marketing.test").then().statusCode(200).body("sender", is("@marketing.test"));
    }

    @Test
    void getOfAnAbsentRouteShouldBeNotFound() {
        when().get("/routes/other.test").then()
            .statusCode(404)
            .body("statusCode", is(404))
            .body("type", is("notFound"))
            .body("message", is("route:other.test is not set"));
        when().get("/sender-routes/" + encoded("ceo@marketing.test")).then()
            .statusCode(404)
            .body("message", is("sender-route:ceo@marketing.test is not set"));
    }

    @Test
    void putShouldAddARouteInCanonicalFormAndAuditIt() {
        given().header(RelayApi.ACTOR_HEADER, "ops").body("{\"hops\":[\"[10.0.0.5]:25\",\"MX2.corp.test\"],\"tls\":\"VERIFY\",\"balance\":\"round-robin\"}")
            .when().put("/routes/.Corp.test")
            .then().statusCode(204)
            .header("ETag", "\"2\"")
            .header(RelayApi.VERSION_HEADER, "2");

        String line = "route .corp.test [10.0.0.5]:25,[mx2.corp.test]:25 tls=verify balance=round-robin";
        assertThat(relay.policyText()).contains("route * [smtp.isp.test]:587 tls=verify credentials=isp\n" + line + "\nsender-route ");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("ops", "add route", "", line));
        when().get("/routes/.corp.test").then()
            .statusCode(200)
            .body("kind", is("subdomains"))
            .body("hops", contains("[10.0.0.5]:25", "[mx2.corp.test]:25"))
            .body("credentials", nullValue());
        explain(String.format(TRUSTED_CLIENT, "app@local.test", "x@hq.corp.test")).body("route.rule", is("route:.corp.test"));
    }

    @Test
    void putOfARouteToThisServersOwnListenerShouldBeAConflict() {
        conflict(given().body("{\"hops\":[\"[127.0.0.1]:2526\",\"[127.0.0.1]:2525\"]}").when().put("/routes/loop.test").then(),
            "route loop.test: next hop [127.0.0.1]:2525 is an SMTP listener of this server, so its mail would loop back here");
        conflict(given().body("{\"hops\":[\"[127.0.0.1]:2525\"]}").when().put("/sender-routes/" + encoded("@local.test")).then(),
            "route @local.test: next hop [127.0.0.1]:2525 is an SMTP listener of this server, so its mail would loop back here");

        assertThat(relay.policyText()).isEqualTo(POLICY);
    }

    @Test
    void putShouldReplaceARouteWhereItStands() {
        given().body("{\"hops\":[\"direct\"]}").when().put("/routes/RELAY.test").then().statusCode(204);

        assertThat(relay.policyText()).contains("served-senders-only no\nroute relay.test direct tls=may   # the gateway\nroute * ");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "change route",
            "route relay.test [127.0.0.1]:2526 tls=encrypt credentials=up1", "route relay.test direct tls=may"));
        when().get("/routes/relay.test").then()
            .body("direct", is(true))
            .body("hops", empty())
            .body("tls", is("may"))
            .body("credentials", nullValue());
    }

    @Test
    void putOfTheRouteAlreadySetShouldWriteNothing() {
        given().body("{\"hops\":[\"127.0.0.1:2526\"],\"tls\":\"encrypt\",\"credentials\":\"up1\",\"balance\":\"failover\"}")
            .when().put("/routes/relay.test").then().statusCode(204);

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putShouldRefuseWhatThePolicyParserRefuses() {
        String route = "/routes/relay.test";
        badRequest(given().body("{\"hops\":[\"[127.0.0.1]:x\"]}").when().put(route).then(),
            "'route relay.test [127.0.0.1]:x': next hop '[127.0.0.1]:x': expected [HOST]:PORT");
        badRequest(given().body("{\"hops\":[\"[127.0.0.1]:99999\"]}").when().put(route).then(),
            "'route relay.test [127.0.0.1]:99999': next hop '[127.0.0.1]:99999': port 99999 is not between 1 and 65535");
        badRequest(given().body("{\"hops\":[\"direct\"],\"tls\":\"maybe\"}").when().put(route).then(),
            "'route relay.test direct tls=maybe': tls=maybe is not one of none, may, encrypt, verify");
        badRequest(given().body("{\"hops\":[\"direct\"],\"balance\":\"random\"}").when().put(route).then(),
            "'route relay.test direct balance=random': balance=random is not one of failover, round-robin");
        badRequest(given().body("{\"hops\":[\"[127.0.0.1]:25\"],\"credentials\":\"a/b\"}").when().put(route).then(),
            "'route relay.test [127.0.0.1]:25 credentials=a/b': credentials name 'a/b' may only hold letters, digits, '.', '_' and '-'");
        badRequest(given().body("{\"hops\":[\"direct\"],\"credentials\":\"up1\"}").when().put(route).then(),
            "'route relay.test direct credentials=up1': credentials need next hops: direct delivery never logs in");

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putShouldRefuseHopsThatAreNotAList() {
        String route = "/routes/relay.test";
        badRequest(given().body("{\"tls\":\"encrypt\"}").when().put(route).then(), "hops is missing: give [\"[HOST]:PORT\", ...] or [\"direct\"]");
        badRequest(given().body("{\"hops\":\"direct\"}").when().put(route).then(), "hops must be an array of strings, not a string");
        badRequest(given().body("{\"hops\":[\"direct\",\"[127.0.0.1]:25\"]}").when().put(route).then(),
            "hops: direct is alone or not at all: direct delivery has no next hop");
        badRequest(given().body("{\"hops\":[\"[a.test]:25,[b.test]:25\"]}").when().put(route).then(),
            "hops: '[a.test]:25,[b.test]:25' holds a comma: give one [HOST]:PORT per item");
        badRequest(given().body("{\"hops\":[\"direct\"],\"direct\":true}").when().put(route).then(),
            "unknown field 'direct'; the fields are balance, credentials, hops, tls");
    }

    @Test
    void putShouldRefuseAValueThatWouldAddALineToThePolicy() {
        badRequest(given().body("{\"hops\":[\"[127.0.0.1]:25\\nrelay-mode open-relay\"]}").when().put("/routes/relay.test").then(),
            "the hop '[127.0.0.1]:25\\u000arelay-mode open-relay' contains white space or a control character");
        badRequest(given().body("{\"hops\":[\"[127.0.0.1]:25\"],\"credentials\":\"up1 relay-mode=open-relay\"}").when().put("/routes/relay.test").then(),
            "the credentials 'up1 relay-mode=open-relay' contains white space or a control character");

        assertThat(relay.policyText()).isEqualTo(POLICY);
    }

    @Test
    void putShouldRefuseAnInvalidDestinationOrSender() {
        String body = "{\"hops\":[\"direct\"]}";
        badRequest(given().body(body).when().put("/routes/bad..test").then(), "invalid destination: 'bad..test': empty label in domain 'bad..test'");
        badRequest(given().body(body).when().put("/routes/" + encoded("a%b@relay.test")).then(), "invalid destination: 'a%b@relay.test' uses percent hack");
        badRequest(given().body(body).when().put("/sender-routes/marketing.test").then(),
            "invalid sender: 'marketing.test' is neither an address nor @domain");
        badRequest(when().get("/routes/" + encoded("#x")).then(), "the destination '#x' starts with '#', which starts a comment in the policy");

        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void deleteShouldRemoveTheRouteAndAuditIt() {
        when().delete("/routes/" + encoded("*")).then().statusCode(204);

        when().get("/routes").then().body("routes.destination", contains("relay.test"));
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "remove route",
            "route * [smtp.isp.test]:587 tls=verify credentials=isp", ""));
        explain(String.format(TRUSTED_CLIENT, "app@local.test", "x@elsewhere.example"))
            .body("route.rule", is("default-route:direct"))
            .body("route.direct", is(true));
    }

    @Test
    void deleteOfAnAbsentRouteShouldBeNotFound() {
        when().delete("/routes/other.test").then().statusCode(404).body("type", is("notFound")).body("message", is("route:other.test is not set"));
        when().delete("/sender-routes/@other.test").then().statusCode(404).body("message", is("sender-route:@other.test is not set"));
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void senderRoutesShouldBeAddedAndRemoved() {
        given().body("{\"hops\":[\"[127.0.0.1]:2529\"]}").when().put("/sender-routes/CEO@marketing.test").then().statusCode(204);
        when().delete("/sender-routes/@marketing.test").then().statusCode(204);

        when().get("/sender-routes").then()
            .body("sender", contains("ceo@marketing.test"))
            .body("[0].kind", is("address"))
            .body("[0].rule", is("sender-route:ceo@marketing.test"));
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(
            new PolicyChange("webadmin", "remove sender-route", "sender-route @marketing.test [127.0.0.1]:2527,[127.0.0.1]:2528 balance=round-robin", ""),
            new PolicyChange("webadmin", "add sender-route", "", "sender-route ceo@marketing.test [127.0.0.1]:2529 tls=may"));
    }

    @Test
    void senderRoutesFirstShouldBeASetting() {
        String request = String.format(TRUSTED_CLIENT, "bob@marketing.test", "info@relay.test");
        explain(request).body("verdict", is("RELAY_DOMAIN")).body("route.rule", is("route:relay.test"));

        given().body("true").when().put("/settings/senderRoutesFirst").then().statusCode(204);

        assertThat(relay.policyText()).endsWith("sender-routes-first yes\n");
        when().get("/routes").then().body("senderRoutesFirst", is(true));
        explain(request).body("route.rule", is("sender-route:@marketing.test"));
    }
}
