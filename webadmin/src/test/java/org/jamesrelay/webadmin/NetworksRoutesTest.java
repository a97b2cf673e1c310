package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.POLICY;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.encoded;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.explain;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;

class NetworksRoutesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void listShouldGiveEveryTrustedNetwork() {
        when().get("/networks").then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("network", contains("127.0.0.1/32", "::1/128"))
            .body("[0].senders", empty())
            .body("[0].servedSendersOnly", is(false));
    }

    @Test
    void putShouldAddANetworkAfterTheOthersAndAuditIt() {
        given().header(RelayApi.ACTOR_HEADER, "ops").body("{\"senders\":[\"Scanner@Local.test\",\"@apps.local.test\"],\"servedSendersOnly\":true}")
            .when().put("/networks/" + encoded("192.0.2.0/24"))
            .then().statusCode(204)
            .header("ETag", "\"2\"")
            .header(RelayApi.VERSION_HEADER, "2");

        when().get("/networks/" + encoded("192.0.2.0/24")).then()
            .statusCode(200)
            .body("network", is("192.0.2.0/24"))
            .body("senders", contains("scanner@local.test", "@apps.local.test"))
            .body("servedSendersOnly", is(true));
        assertThat(relay.policyText()).contains("trusted-network ::1/128   # loopback\n"
            + "trusted-network 192.0.2.0/24 senders=scanner@local.test,@apps.local.test served-senders-only\n");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("ops", "add trusted-network", "",
            "trusted-network 192.0.2.0/24 senders=scanner@local.test,@apps.local.test served-senders-only"));
    }

    @Test
    void putShouldRefuseANetworkWiderThanSlash8UnlessAskedForExplicitly() {
        badRequest(when().put("/networks/" + encoded("0.0.0.0/0")).then(), "0.0.0.0/0 is wider than /8: every client in it could relay; "
            + "send {\"wide\": true} to trust it anyway (warned about like open relay mode)");
        badRequest(given().body("{\"wide\":false}").when().put("/networks/" + encoded("2000::/15")).then(), "2000::/15 is wider than /16: "
            + "every client in it could relay; send {\"wide\": true} to trust it anyway (warned about like open relay mode)");

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putShouldTrustAWideNetworkWhenAskedAndWarnAtEveryDecision() {
        given().body("{\"wide\":true}").when().put("/networks/" + encoded("0.0.0.0/0")).then().statusCode(204);

        assertThat(relay.policyText()).contains("trusted-network 0.0.0.0/0 wide\n");
        when().get("/networks/" + encoded("0.0.0.0/0")).then().statusCode(200).body("wide", is(true));
        explain("{\"client\":\"203.0.113.9\",\"sender\":\"a@outside.example\",\"recipient\":\"b@elsewhere.example\"}")
            .body("verdict", is("RELAY"))
            .body("warning", is("wide trusted network 0.0.0.0/0: every client in it may relay through this server"));
    }

    @Test
    void wideShouldBeRefusedForANarrowNetwork() {
        badRequest(given().body("{\"wide\":true}").when().put("/networks/" + encoded("10.0.0.0/8")).then(),
            "\"wide\" is only for networks wider than /8 (IPv4) or /16 (IPv6)");
    }

    @Test
    void putWithoutBodyShouldTrustTheNetworkForAnySender() {
        when().put("/networks/" + encoded("2001:db8::/32")).then().statusCode(204);

        assertThat(relay.policyText()).contains("trusted-network 2001:db8::/32\n");
        assertThat(relay.audit().get(0).change().actor()).isEqualTo(RelayApi.DEFAULT_ACTOR);
    }

    @Test
    void putOnATrustedNetworkShouldChangeItWhereItStands() {
        given().body("{\"servedSendersOnly\":true}").when().put("/networks/" + encoded("0::1/128")).then().statusCode(204);

        assertThat(relay.policyText()).contains("trusted-network 127.0.0.1/32\ntrusted-network ::1/128 served-senders-only   # loopback\n");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "change trusted-network",
            "trusted-network ::1/128", "trusted-network ::1/128 served-senders-only"));
    }

    @Test
    void putOfWhatIsAlreadyThereShouldWriteNothing() {
        when().put("/networks/" + encoded("127.0.0.1/32")).then().statusCode(204);

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putShouldRefuseHostBits() {
        badRequest(when().put("/networks/" + encoded("10.0.0.1/8")).then(),
            "invalid network '10.0.0.1/8': host bits are set in 10.0.0.1/8; the network is 10.0.0.0/8");
    }

    @Test
    void putShouldRefuseWhatIsNotANetwork() {
        badRequest(when().put("/networks/" + encoded("example.com")).then(), "invalid network 'example.com': 'example.com' is not an IP address");
        badRequest(when().put("/networks/" + encoded("192.0.2.0/33")).then(), "invalid network '192.0.2.0/33': prefix length 33 is out of range 0..32");
    }

    @Test
    void putShouldRefuseAMalformedSender() {
        badRequest(given().body("{\"senders\":[\"scanner\"]}").when().put("/networks/" + encoded("192.0.2.0/24")).then(),
            "senders: 'scanner' is neither an address nor @domain: no domain (unqualified address)");
    }

    @Test
    void putShouldRefuseASenderThatWouldAddALineToThePolicy() {
        badRequest(given().body("{\"senders\":[\"a@b.test\\nrelay-mode open-relay\"]}").when().put("/networks/" + encoded("192.0.2.0/24")).then(),
            "the senders item 'a@b.test\\u000arelay-mode open-relay' contains white space or a control character");
        assertThat(relay.policyText()).isEqualTo(POLICY);
    }

    @Test
    void putShouldRefuseAWrongBody() {
        badRequest(given().body("{\"sender\":[]}").when().put("/networks/" + encoded("192.0.2.0/24")).then(),
            "unknown field 'sender'; the fields are senders, servedSendersOnly, wide");
        badRequest(given().body("{\"senders\":\"a@b.test\"}").when().put("/networks/" + encoded("192.0.2.0/24")).then(),
            "senders must be an array of strings, not a string");
        badRequest(given().body("{\"servedSendersOnly\":\"yes\"}").when().put("/networks/" + encoded("192.0.2.0/24")).then(),
            "servedSendersOnly must be true or false, not a string");
        given().body("{\"senders\":").when().put("/networks/" + encoded("192.0.2.0/24")).then()
            .statusCode(400)
            .body("message", startsWith("JSON payload of the request is not valid: "));
    }

    @Test
    void deleteShouldRemoveTheNetworkAndAuditIt() {
        when().delete("/networks/" + encoded("::1/128")).then().statusCode(204);

        when().get("/networks").then().body("network", contains("127.0.0.1/32"));
        assertThat(relay.policyText()).doesNotContain("::1/128");
        assertThat(relay.audit()).extracting(AuditEntry::change)
            .containsExactly(new PolicyChange("webadmin", "remove trusted-network", "trusted-network ::1/128", ""));
    }

    @Test
    void deleteOfAnUnknownNetworkShouldBeNotFound() {
        when().delete("/networks/" + encoded("192.0.2.0/24")).then()
            .statusCode(404)
            .body("statusCode", is(404))
            .body("type", is("notFound"))
            .body("message", is("network 192.0.2.0/24 is not a trusted network"));
        when().get("/networks/" + encoded("192.0.2.0/24")).then().statusCode(404);
    }

    @Test
    void anAddedNetworkShouldRelayAtOnce() {
        String request = "{\"client\":\"192.0.2.7\",\"sender\":\"app@outside.example\",\"recipient\":\"x@elsewhere.example\"}";
        explain(request).body("verdict", is("DENY"));

        when().put("/networks/" + encoded("192.0.2.0/24")).then().statusCode(204);

        explain(request).body("verdict", is("RELAY")).body("rule", is("trusted-network:192.0.2.0/24"));
    }
}
