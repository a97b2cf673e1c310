package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.POLICY;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;

import java.nio.charset.StandardCharsets;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;

class PolicyRoutesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void getShouldExportTheTextWithItsVersion() {
        String text = given().accept(ContentType.TEXT).when().get("/policy").then()
            .statusCode(200)
            .contentType(startsWith("text/plain"))
            .header("ETag", "\"1\"")
            .header(RelayApi.VERSION_HEADER, "1")
            .header(RelayApi.APPLIED_VERSION_HEADER, "1")
            .extract().body().asString();

        assertThat(text).isEqualTo(POLICY);
    }

    @Test
    void getShouldExportALargeTextWhole() throws Exception {
        // the text is written 65,536 chars at a time: a surrogate pair across the first boundary, then 'é' and more chunks
        String firstChunk = "# " + "x".repeat(65_536 - 3);
        String text = firstChunk + "😀 é\n" + POLICY + ("# " + "é".repeat(1_000) + "\n").repeat(200);
        relay.store().write(text, 1, new PolicyChange("hand", "edit", "", ""));

        byte[] exported = given().accept(ContentType.TEXT).when().get("/policy").then()
            .statusCode(200)
            .header("ETag", "\"2\"")
            .extract().body().asByteArray();

        assertThat(new String(exported, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void putShouldImportAValidPolicyAndAuditIt() {
        String imported = "# imported\ntrusted-network 192.0.2.0/24\nrelay-domain relay.test\n";

        given().contentType(ContentType.TEXT).header(RelayApi.ACTOR_HEADER, "deploy").body(imported)
            .when().put("/policy").then().statusCode(204).header(RelayApi.VERSION_HEADER, "2");

        assertThat(relay.policyText()).isEqualTo(imported);
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(PolicyChange.ofTexts("deploy", "import", POLICY, imported));
        when().get("/networks").then().body("network", contains("192.0.2.0/24"));
    }

    @Test
    void putShouldRefuseAnInvalidPolicyWhole() {
        badRequest(given().contentType(ContentType.TEXT).body("relay-domain ok.test\ntrusted-network 10.0.0.1/8\n").when().put("/policy").then(),
            "invalid policy, nothing imported: line 2: 'trusted-network 10.0.0.1/8': host bits are set in 10.0.0.1/8; the network is 10.0.0.0/8");
        badRequest(given().contentType(ContentType.TEXT).body("").when().put("/policy").then(),
            "the request has no body: send the whole policy as text/plain (an empty policy is refused)");

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putWithIfMatchShouldImportOnlyOverTheVersionItNames() {
        given().contentType(ContentType.TEXT).header("If-Match", "\"7\"").body("relay-domain a.test\n").when().put("/policy").then()
            .statusCode(412)
            .body("type", is("WrongState"))
            .body("message", is("the policy changed since version 7 was read (the stored version is 1): export it again and redo the change"));

        given().contentType(ContentType.TEXT).header("If-Match", "\"1\"").body(POLICY + "relay-domain a.test\n").when().put("/policy").then()
            .statusCode(204);
        assertThat(relay.policyText()).isEqualTo(POLICY + "relay-domain a.test\n");
        assertThat(relay.audit()).extracting(AuditEntry::change)
            .containsExactly(new PolicyChange(RelayApi.DEFAULT_ACTOR, "import", "", "relay-domain a.test"));
    }

    @Test
    void anInvalidStoredPolicyShouldBeReportedAndReplaceable() throws Exception {
        relay.store().write("trusted-network nonsense\n", 1, new PolicyChange("hand", "edit", "", ""));

        when().get("/networks").then()
            .statusCode(409)
            .body("message", is("the stored relay policy is invalid (replace it with PUT /relay/policy): line 1: "
                + "'trusted-network nonsense': 'nonsense' is not an IP address"));
        given().contentType(ContentType.TEXT).body("trusted-network 127.0.0.1/32\n").when().put("/policy").then().statusCode(204);
        when().get("/networks").then().statusCode(200).body("network", contains("127.0.0.1/32"));
    }
}
