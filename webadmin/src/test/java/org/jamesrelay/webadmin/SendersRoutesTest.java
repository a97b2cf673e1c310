package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.explain;

import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendersRoutesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void listShouldGiveEverySenderLogin() {
        when().get("/senders").then()
            .statusCode(200)
            .body("login", contains("alice@local.test"))
            .body("[0].owns", contains("alice.smith@local.test"))
            .body("[0].servedSendersOnly", is(false));
    }

    @Test
    void putShouldAddALoginThatMaySendAsWhatItOwns() {
        String request = "{\"client\":\"203.0.113.9\",\"login\":\"bob@local.test\",\"tls\":true,\"authOffered\":true,"
            + "\"sender\":\"news@sales.local.test\",\"recipient\":\"x@elsewhere.example\"}";
        explain(request).body("verdict", is("DENY")).body("senderDecision.verdict", is("DENY"));

        given().body("{\"owns\":[\"@Sales.Local.Test\"]}").when().put("/senders/Bob@Local.Test").then().statusCode(204);

        when().get("/senders/bob@local.test").then().statusCode(200).body("owns", contains("@sales.local.test"));
        assertThat(relay.audit().get(0).change()).isEqualTo(new PolicyChange("webadmin", "add sender-login", "",
            "sender-login bob@local.test owns=@sales.local.test"));
        explain(request).body("verdict", is("RELAY"))
            .body("senderDecision.verdict", is("SENDER_ACCEPTED"))
            .body("senderDecision.rule", is("sender-login:bob@local.test"));
    }

    @Test
    void putShouldChangeALoginWhereItStands() {
        given().body("{\"owns\":[\"alice.smith@local.test\"],\"servedSendersOnly\":true}").when().put("/senders/alice@local.test")
            .then().statusCode(204);

        assertThat(relay.policyText()).contains("sender-login alice@local.test owns=alice.smith@local.test served-senders-only\nserved-senders-only no\n");
        assertThat(relay.audit().get(0).change().action()).isEqualTo("change sender-login");
    }

    @Test
    void putThatSaysNothingShouldBeRefusedWithTheProblemOfThePolicy() {
        badRequest(when().put("/senders/bob@local.test").then(),
            "'sender-login bob@local.test': says nothing: give owns=ADDRESS|@DOMAIN,... or served-senders-only");
        badRequest(given().body("{\"owns\":[\"bob@\"]}").when().put("/senders/bob@local.test").then(),
            "owns: 'bob@' is neither an address nor @domain: empty domain");
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void deleteShouldRemoveTheLogin() {
        when().delete("/senders/alice@local.test").then().statusCode(204);

        when().get("/senders").then().body("$", empty());
        when().delete("/senders/alice@local.test").then().statusCode(404).body("message", is("sender login alice@local.test is not listed"));
    }
}
