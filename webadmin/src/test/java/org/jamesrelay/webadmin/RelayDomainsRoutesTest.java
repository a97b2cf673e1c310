package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
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

class RelayDomainsRoutesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void listShouldGiveDomainsWithTheirRecipientsInPolicyOrder() {
        when().get("/domains").then()
            .statusCode(200)
            .body("domain", contains("relay.test", "backup.test"))
            .body("[0].recipients", contains("info@relay.test", "sales@relay.test"))
            .body("[1].recipients", nullValue());
    }

    @Test
    void getShouldGiveOneDomain() {
        when().get("/domains/Relay.Test").then().statusCode(200).body("domain", is("relay.test"));
        when().get("/domains/unknown.test").then().statusCode(404).body("message", is("unknown.test is not a relay domain"));
    }

    @Test
    void putShouldAddADomainThatAcceptsAnyRecipient() {
        when().put("/domains/New.Test").then().statusCode(204);

        when().get("/domains/new.test").then().body("recipients", nullValue());
        assertThat(relay.audit()).extracting(AuditEntry::change)
            .containsExactly(new PolicyChange("webadmin", "add relay-domain", "", "relay-domain new.test"));
        explain("{\"client\":\"203.0.113.9\",\"sender\":\"a@outside.example\",\"recipient\":\"anyone@new.test\"}")
            .body("verdict", is("RELAY_DOMAIN"))
            .body("rule", is("relay-domain:new.test"));
    }

    @Test
    void putOfALocalDomainShouldBeAConflict() {
        conflict(when().put("/domains/Local.Test").then(), "relay domain local.test is a local domain of James: its mail would be "
            + "forwarded instead of delivered to its mailboxes; remove the domain from James first, or relay another domain");

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putOfAListedDomainShouldWriteNothing() {
        when().put("/domains/relay.test").then().statusCode(204);

        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putShouldRefuseAnInvalidDomain() {
        badRequest(when().put("/domains/bad!domain").then(), "invalid domain 'bad!domain': character '!' not allowed in domain 'bad!domain'");
        badRequest(when().put("/domains/" + encoded("relay.test.")).then(), "invalid domain 'relay.test.': trailing dot in domain 'relay.test.'");
    }

    @Test
    void deleteShouldRemoveTheDomainWithItsRecipients() {
        when().delete("/domains/relay.test").then().statusCode(204);

        when().get("/domains").then().body("domain", contains("backup.test"));
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "remove relay-domain",
            "relay-domain relay.test\nrelay-recipient info@relay.test\nrelay-recipient sales@relay.test", ""));
    }

    @Test
    void deleteOfAnUnknownDomainShouldBeNotFound() {
        when().delete("/domains/unknown.test").then().statusCode(404).body("message", is("unknown.test is not a relay domain"));
    }

    @Test
    void recipientsShouldBeListed() {
        when().get("/domains/relay.test/recipients").then().statusCode(200).body("$", contains("info@relay.test", "sales@relay.test"));
        assertThat(when().get("/domains/backup.test/recipients").then().statusCode(200).extract().body().asString()).isEqualTo("null");
        when().get("/domains/unknown.test/recipients").then().statusCode(404);
    }

    @Test
    void recipientOfANewDomainShouldFollowItsDomain() {
        when().put("/domains/new.test").then().statusCode(204);

        when().put("/domains/new.test/recipients/" + encoded("Ops@New.test")).then().statusCode(204);

        assertThat(relay.policyText()).contains("relay-domain backup.test   # backup MX\nrelay-domain new.test\nrelay-recipient ops@new.test\n");
        when().get("/domains/new.test").then().body("recipients", contains("ops@new.test"));
        assertThat(relay.audit().get(0).change()).isEqualTo(new PolicyChange("webadmin", "add relay-recipient", "", "relay-recipient ops@new.test"));
        explain("{\"client\":\"203.0.113.9\",\"sender\":\"a@outside.example\",\"recipient\":\"other@new.test\"}")
            .body("verdict", is("DENY"))
            .body("reply.code", is(550))
            .body("reply.enhancedStatus", is("5.1.1"))
            .body("rule", is("relay-recipient:new.test"));
    }

    @Test
    void recipientShouldBeAddedRightAfterItsDomain() {
        when().put("/domains/relay.test/recipients/" + encoded("support@relay.test")).then().statusCode(204);

        assertThat(relay.policyText()).contains("relay-domain relay.test\nrelay-recipient support@relay.test\nrelay-recipient info@relay.test\n");
    }

    @Test
    void recipientShouldBePlannedOnTheTextWhenThisNodeHasNotAppliedTheStoredPolicyYet() throws Exception {
        String stored = relay.policyText() + "relay-domain later.test\n";
        relay.store().write(stored, relay.store().version(), new PolicyChange("hand", "edit", "", "relay-domain later.test"));

        when().put("/domains/later.test/recipients/" + encoded("ops@later.test")).then().statusCode(204);
        when().put("/domains/later.test/recipients/" + encoded("ops@later.test")).then().statusCode(204);

        assertThat(relay.policyText()).isEqualTo(stored + "relay-recipient ops@later.test\n");
        assertThat(relay.audit()).hasSize(2);
    }

    @Test
    void pathSegmentsShouldBeDecodedOnce() {
        when().put("/domains/relay.test/recipients/user%2Btag%40relay.test").then().statusCode(204);
        badRequest(when().put("/domains/relay.test/recipients/a%2540relay.test").then(),
            "invalid address 'a%40relay.test': no domain (unqualified address)");

        when().get("/domains/relay.test/recipients").then().body("$", contains("info@relay.test", "sales@relay.test", "user+tag@relay.test"));
    }

    @Test
    void recipientShouldBeRefusedForWhatIsNotARelayDomain() {
        badRequest(when().put("/domains/local.test/recipients/" + encoded("x@local.test")).then(),
            "local.test is not a relay domain: add it first (PUT /relay/domains/local.test)");
    }

    @Test
    void recipientShouldBeAnAddressOfItsDomain() {
        badRequest(when().put("/domains/relay.test/recipients/" + encoded("x@backup.test")).then(),
            "recipient x@backup.test is not an address of relay.test");
        badRequest(when().put("/domains/relay.test/recipients/" + encoded("info")).then(),
            "invalid address 'info': no domain (unqualified address)");
        badRequest(when().put("/domains/relay.test/recipients/" + encoded("x%y@relay.test")).then(),
            "invalid address 'x%y@relay.test': it uses percent hack");
    }

    @Test
    void deleteShouldRemoveARecipient() {
        when().delete("/domains/relay.test/recipients/" + encoded("INFO@relay.test")).then().statusCode(204);

        when().get("/domains/relay.test/recipients").then().body("$", contains("sales@relay.test"));
        assertThat(relay.audit().get(0).change()).isEqualTo(new PolicyChange("webadmin", "remove relay-recipient", "relay-recipient info@relay.test", ""));
        when().delete("/domains/relay.test/recipients/" + encoded("info@relay.test")).then()
            .statusCode(404)
            .body("message", is("info@relay.test is not a listed recipient of relay.test"));
    }

    @Test
    void deleteShouldRemoveTheRecipientsLineOnlyWhereverItStands() {
        when().put("/domains/relay.test/recipients/" + encoded("support@relay.test")).then().statusCode(204);

        when().delete("/domains/relay.test/recipients/" + encoded("sales@relay.test")).then().statusCode(204);

        assertThat(relay.policyText()).contains("relay-domain relay.test\nrelay-recipient support@relay.test\nrelay-recipient info@relay.test\n"
            + "relay-domain backup.test");
    }

    @Test
    void deleteShouldRemoveARecipientWrittenOtherwiseByReadingTheText() throws Exception {
        String stored = relay.policyText().replace("relay-recipient sales@relay.test\n", "relay-recipient Sales@Relay.test   # on call\n");
        relay.store().write(stored, relay.store().version(), new PolicyChange("hand", "edit", "", "relay-recipient Sales@Relay.test"));
        relay.refreshPolicy();

        when().delete("/domains/relay.test/recipients/" + encoded("sales@relay.test")).then().statusCode(204);

        assertThat(relay.policyText()).isEqualTo(stored.replace("relay-recipient Sales@Relay.test   # on call\n", ""));
    }

    @Test
    void deleteOfTheLastRecipientShouldNeedForceAsTheDomainWouldAcceptAnyone() {
        when().delete("/domains/relay.test/recipients/" + encoded("info@relay.test")).then().statusCode(204);

        when().delete("/domains/relay.test/recipients/" + encoded("sales@relay.test")).then()
            .statusCode(409)
            .body("type", is("WrongState"))
            .body("message", is("sales@relay.test is the last listed recipient of relay.test: without it, relay.test would accept any "
                + "recipient. Add the other recipients first, or remove it with ?force=true"));
        when().delete("/domains/relay.test/recipients/" + encoded("sales@relay.test") + "?force=true").then().statusCode(204);
        when().get("/domains/relay.test").then().body("recipients", nullValue());
    }
}
