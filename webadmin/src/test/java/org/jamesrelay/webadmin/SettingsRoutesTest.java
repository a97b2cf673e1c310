package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.explain;

import java.util.Map;

import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SettingsRoutesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void getShouldGiveEverySetting() {
        Map<String, Object> settings = when().get("/settings").then().statusCode(200).extract().jsonPath().getMap(".");

        assertThat(settings).containsExactly(Map.entry("relayMode", "policy"), Map.entry("authenticatedRelay", "tls-only"),
            Map.entry("authenticatedRelayServedSendersOnly", false), Map.entry("servedSendersOnly", false),
            Map.entry("localSendersRequireLogin", true), Map.entry("senderRoutesFirst", false));
    }

    @Test
    void putShouldChangeTheSettingWhereItStands() {
        given().body("\"open-relay\"").when().put("/settings/relayMode").then().statusCode(204);

        when().get("/settings").then().body("relayMode", is("open-relay"));
        assertThat(relay.policyText()).startsWith("# test policy\nrelay-mode open-relay\n");
        assertThat(relay.audit().get(0).change()).isEqualTo(new PolicyChange("webadmin", "set relay-mode", "relay-mode policy", "relay-mode open-relay"));
        explain("{\"client\":\"203.0.113.9\",\"sender\":\"a@outside.example\",\"recipient\":\"x@elsewhere.example\"}")
            .body("verdict", is("RELAY"))
            .body("rule", is("relay-mode:open-relay"))
            .body("warning", is("open relay mode: any client may relay through this server"));
    }

    @Test
    void authenticatedRelayOptionShouldKeepItsMode() {
        given().body("true").when().put("/settings/authenticatedRelayServedSendersOnly").then().statusCode(204);
        given().body("\"allow\"").when().put("/settings/authenticated-relay").then().statusCode(204);

        assertThat(relay.policyText()).contains("\nauthenticated-relay allow served-senders-only\n");
        when().get("/settings").then().body("authenticatedRelay", is("allow")).body("authenticatedRelayServedSendersOnly", is(true));
    }

    @Test
    void booleanSettingsShouldTakeYesNoToo() {
        given().body("\"yes\"").when().put("/settings/served-senders-only").then().statusCode(204);
        given().body("false").when().put("/settings/localSendersRequireLogin").then().statusCode(204);

        assertThat(relay.policyText()).contains("\nlocal-senders-require-login no\n").contains("\nserved-senders-only yes\n");
    }

    @Test
    void aSettingThatIsNotInThePolicyShouldBeAdded() throws Exception {
        relay.store().write("trusted-network 127.0.0.1/32\n", 1, new PolicyChange("test", "reset", "", ""));

        given().body("true").when().put("/settings/servedSendersOnly").then().statusCode(204);

        assertThat(relay.policyText()).isEqualTo("trusted-network 127.0.0.1/32\nserved-senders-only yes\n");
    }

    @Test
    void unknownSettingOrInvalidValueShouldBeRefused() {
        badRequest(given().body("true").when().put("/settings/openRelay").then(),
            "unknown setting 'openRelay'; the settings are relayMode, authenticatedRelay, authenticatedRelayServedSendersOnly, "
                + "servedSendersOnly, localSendersRequireLogin, senderRoutesFirst");
        badRequest(given().body("\"closed\"").when().put("/settings/relayMode").then(), "relayMode must be one of policy, open-relay, not 'closed'");
        badRequest(given().body("1").when().put("/settings/servedSendersOnly").then(), "servedSendersOnly must be true or false, not a number");
        badRequest(when().put("/settings/servedSendersOnly").then(), "the request has no body: send the value as JSON, e.g. true");
        assertThat(relay.audit()).isEmpty();
    }
}
