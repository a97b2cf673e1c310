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
import static org.jamesrelay.webadmin.RelayWebAdminExtension.encoded;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

class FrontEndFilterRoutesTest {
    private static final String STRIP_PROGRAMS = "attachment-filter relay.test strip names=*.exe,*.JS sniffed=script,executable";
    private static final String REJECT_ENCRYPTED = "attachment-filter relay.test reject encrypted-archives";

    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    private static ValidatableResponse putAttachments(String scope, String body) {
        return given().body(body).when().put("/filters/" + scope + "/attachments").then();
    }

    @Test
    void listShouldGiveTheScopesWithTheDefaultLastAndTheAntivirus() {
        putAttachments("partner.test", "{\"rules\":[{\"action\":\"reject\",\"sniffed\":[\"executable\"]}]}").statusCode(204);

        when().get("/filters").then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("scopes.scope", contains("relay.test", "partner.test", "*"))
            .body("scopes[0].attachmentRules.action", contains("strip", "reject"))
            .body("scopes[0].headerFilter.remove", contains("x-internal-*", "bcc"))
            .body("scopes[1].headerFilter", nullValue())
            .body("scopes[2].attachmentRules[0].largerThan", is(10 * 1024 * 1024))
            .body("scopes[2].attachmentRules[0].unparseable", is(true))
            .body("scopes[2].attachmentRules[0].rule", is("attachment-filter:*:quarantine"))
            .body("antivirus.clamd", is("[127.0.0.1]:3310"))
            .body("antivirus.timeoutMillis", is(30000))
            .body("antivirus.onVirus", is("reject"))
            .body("antivirus.onFailure", is("accept"));
    }

    @Test
    void getShouldGiveOneScopeAsThePolicyReadsIt() {
        String scope = when().get("/filters/Relay.TEST").then().statusCode(200).extract().body().asString();

        assertThat(scope).isEqualTo("{\"scope\":\"relay.test\",\"attachmentRules\":["
            + "{\"action\":\"strip\",\"names\":[\"*.exe\",\"*.js\"],\"types\":[],\"sniffed\":[\"executable\",\"script\"],"
            + "\"encryptedArchives\":false,\"largerThan\":null,\"unparseable\":false,\"rule\":\"attachment-filter:relay.test:strip\"},"
            + "{\"action\":\"reject\",\"names\":[],\"types\":[],\"sniffed\":[],\"encryptedArchives\":true,\"largerThan\":null,"
            + "\"unparseable\":false,\"rule\":\"attachment-filter:relay.test:reject\"}],"
            + "\"headerFilter\":{\"remove\":[\"x-internal-*\",\"bcc\"]}}");
        when().get("/filters/%2A").then().statusCode(200).body("scope", is("*")).body("headerFilter", nullValue());
        when().get("/filters/*").then().statusCode(200).body("scope", is("*"));
    }

    @Test
    void getOfAScopeWithoutFilterEntriesShouldBeNotFound() {
        when().get("/filters/backup.test").then()
            .statusCode(404)
            .body("type", is("notFound"))
            .body("message", is("backup.test has no attachment-filter or header-filter entry: its recipients get those of *"));
    }

    @Test
    void putAttachmentsShouldReplaceEveryRuleOfTheScopeWhereTheyStandAndAuditIt() {
        given().header(RelayApi.ACTOR_HEADER, "ops")
            .body("{\"rules\":[{\"action\":\"QUARANTINE\",\"types\":[\"Application/X-MSDownload\"],\"largerThan\":1500},"
                + "{\"action\":\"reject\",\"encryptedArchives\":true,\"sniffed\":[\"office-macro\"]}]}")
            .when().put("/filters/relay.test/attachments")
            .then().statusCode(204)
            .header("ETag", "\"2\"")
            .header(RelayApi.VERSION_HEADER, "2");

        String quarantine = "attachment-filter relay.test quarantine types=application/x-msdownload larger-than=1500";
        String reject = "attachment-filter relay.test reject sniffed=office-macro encrypted-archives";
        assertThat(relay.policyText()).contains("balance=round-robin\n" + quarantine + "   # no programs\n" + reject
            + "\nattachment-filter * quarantine");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("ops", "change attachment-filter",
            STRIP_PROGRAMS + "\n" + REJECT_ENCRYPTED, quarantine + "\n" + reject));
        when().get("/filters/relay.test").then()
            .body("attachmentRules.action", contains("quarantine", "reject"))
            .body("attachmentRules[0].types", contains("application/x-msdownload"))
            .body("attachmentRules[0].largerThan", is(1500))
            .body("headerFilter.remove", contains("x-internal-*", "bcc"));
    }

    @Test
    void putAttachmentsOfANewScopeShouldAddThemAfterTheOtherRulesInCanonicalForm() {
        putAttachments("Partner.Test", "{\"rules\":[{\"action\":\"strip\",\"names\":[\"*.EXE\",\"*.scr\",\"*.exe\"],"
            + "\"sniffed\":[\"script\",\"executable\"]},{\"action\":\"quarantine\",\"largerThan\":\"25600k\"}]}").statusCode(204);

        String strip = "attachment-filter partner.test strip names=*.exe,*.scr sniffed=executable,script";
        String quarantine = "attachment-filter partner.test quarantine larger-than=25M";
        assertThat(relay.policyText()).contains("attachment-filter * quarantine larger-than=10M unparseable\n" + strip + "\n"
            + quarantine + "\nheader-filter ");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "add attachment-filter",
            "", strip + "\n" + quarantine));
    }

    @Test
    void putOfTheRulesAlreadySetShouldWriteNothing() {
        putAttachments("%2A", "{\"rules\":[{\"action\":\"quarantine\",\"unparseable\":true,\"largerThan\":10485760}]}").statusCode(204);
        putAttachments("other.test", "{\"rules\":[]}").statusCode(204);

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putOfNoRuleShouldRemoveTheRulesOfTheScope() {
        putAttachments("relay.test", "{\"rules\":[]}").statusCode(204);

        assertThat(relay.policyText()).doesNotContain("attachment-filter relay.test").contains("header-filter relay.test");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "remove attachment-filter",
            STRIP_PROGRAMS + "\n" + REJECT_ENCRYPTED, ""));
    }

    @Test
    void putAttachmentsShouldRefuseWhatThePolicyParserRefuses() {
        badRequest(putAttachments("relay.test", "{\"rules\":[{\"action\":\"delete\",\"names\":[\"*.exe\"]}]}"),
            "'attachment-filter relay.test delete names=*.exe': action=delete is not one of strip, quarantine, reject");
        badRequest(putAttachments("relay.test", "{\"rules\":[{\"action\":\"strip\",\"sniffed\":[\"virus\"]}]}"),
            "'attachment-filter relay.test strip sniffed=virus': sniffed=virus is not one of archive, executable, office-macro, pdf, script");
        badRequest(putAttachments("relay.test", "{\"rules\":[{\"action\":\"strip\",\"largerThan\":\"10X\"}]}"),
            "'attachment-filter relay.test strip larger-than=10X': size '10X' is not a number of bytes, or of K, M or G");
        badRequest(putAttachments("relay.test", "{\"rules\":[{\"action\":\"reject\",\"unparseable\":true},{\"action\":\"strip\"}]}"),
            "'attachment-filter relay.test strip': matches nothing: give names=, types=, sniffed=, larger-than=, encrypted-archives or unparseable");

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void putAttachmentsShouldRefuseABodyOfAnotherShape() {
        String rules = "relay.test";
        badRequest(putAttachments(rules, ""), "rules is missing: give an array of objects, [] for none");
        badRequest(putAttachments(rules, "{\"rules\":\"strip\"}"), "rules must be an array of objects, not a string");
        badRequest(putAttachments(rules, "{\"rules\":[\"strip\"]}"), "rules[0] must be an object, not a string");
        badRequest(putAttachments(rules, "{\"rules\":[{\"action\":\"strip\",\"names\":[\"*.exe\"]},{\"names\":[\"*.js\"]}]}"),
            "rules[1].action is missing");
        badRequest(putAttachments(rules, "{\"rules\":[{\"action\":\"strip\",\"rule\":\"attachment-filter:relay.test:strip\"}]}"),
            "unknown field 'rules[0].rule'; the fields are action, encryptedArchives, largerThan, names, sniffed, types, unparseable");
        badRequest(putAttachments(rules, "{\"rules\":[{\"action\":\"strip\",\"names\":\"*.exe\"}]}"),
            "rules[0].names must be an array of strings, not a string");
        badRequest(putAttachments(rules, "{\"rules\":[{\"action\":\"strip\",\"largerThan\":true}]}"),
            "rules[0].largerThan must be a string or a whole number, not a boolean");
        badRequest(putAttachments(rules, "{\"rules\":[{\"action\":\"strip\",\"names\":[\"*.exe,*.js\"]}]}"),
            "names: '*.exe,*.js' holds a comma: give one value per item");
        badRequest(putAttachments(rules, "{\"rules\":[{\"action\":\"strip\",\"names\":[\"*.exe\\nrelay-mode open-relay\"]}]}"),
            "the names item '*.exe\\u000arelay-mode open-relay' contains white space or a control character");
        badRequest(putAttachments(rules, "{\"rules\":[{\"action\":\"strip names=*.exe\"}]}"),
            "the action 'strip names=*.exe' contains white space or a control character");

        assertThat(relay.policyText()).isEqualTo(POLICY);
    }

    @Test
    void aSubdomainScopeShouldBeManagedLikeADomain() {
        given().body("{\"remove\":[\"X-Internal-*\"]}").when().put("/filters/.Corp.Test/headers").then().statusCode(204);

        assertThat(relay.policyText()).contains("header-filter .corp.test remove=x-internal-*\n");
        when().get("/filters/.corp.test").then().statusCode(200).body("scope", is(".corp.test"));
    }

    @Test
    void anInvalidScopeShouldBeRefused() {
        String body = "{\"rules\":[]}";
        badRequest(putAttachments("bad..test", body), "invalid scope 'bad..test': empty label in domain 'bad..test' (a scope is *, a domain or .domain)");
        badRequest(putAttachments(encoded("@relay.test"), body),
            "invalid scope '@relay.test': character '@' not allowed in domain '@relay.test' (a scope is *, a domain or .domain)");
        badRequest(when().get("/filters/" + encoded("#x")).then(), "the scope '#x' starts with '#', which starts a comment in the policy");
        badRequest(when().delete("/filters/a%20b/headers").then(), "the scope 'a b' contains white space or a control character");
    }

    @Test
    void deleteAttachmentsShouldRemoveOnlyTheAttachmentRules() {
        when().delete("/filters/relay.test/attachments").then().statusCode(204);

        when().get("/filters/relay.test").then().statusCode(200)
            .body("attachmentRules", empty())
            .body("headerFilter.remove", contains("x-internal-*", "bcc"));
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "remove attachment-filter",
            STRIP_PROGRAMS + "\n" + REJECT_ENCRYPTED, ""));
        when().delete("/filters/relay.test/attachments").then()
            .statusCode(404)
            .body("type", is("notFound"))
            .body("message", is("relay.test has no attachment-filter entry"));
    }

    @Test
    void putHeadersShouldChangeOrAddTheHeaderFilterOfAScope() {
        given().body("{\"remove\":[\"X-Internal-*\",\"Received-SPF\"]}").when().put("/filters/relay.test/headers").then().statusCode(204);
        given().body("{\"remove\":[\"Bcc\",\"bcc\"]}").when().put("/filters/%2A/headers").then().statusCode(204);

        assertThat(relay.policyText()).contains("\nheader-filter relay.test remove=x-internal-*,received-spf\n"
            + "header-filter * remove=bcc\nantivirus ");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(
            new PolicyChange("webadmin", "add header-filter", "", "header-filter * remove=bcc"),
            new PolicyChange("webadmin", "change header-filter", "header-filter relay.test remove=X-Internal-*,Bcc",
                "header-filter relay.test remove=x-internal-*,received-spf"));
        when().get("/filters/*").then().body("headerFilter.remove", contains("bcc"));
    }

    @Test
    void putHeadersShouldRefuseWhatThePolicyParserRefuses() {
        badRequest(given().body("{\"remove\":[]}").when().put("/filters/relay.test/headers").then(),
            "'header-filter relay.test': header-filter needs remove=NAME|PREFIX*,...");
        badRequest(given().body("{\"remove\":[\"X:Bad\"]}").when().put("/filters/relay.test/headers").then(),
            "'header-filter relay.test remove=X:Bad': 'x:bad' is not a header name or NAME-PREFIX*");
        badRequest(given().body("{\"names\":[\"Bcc\"]}").when().put("/filters/relay.test/headers").then(),
            "unknown field 'names'; the fields are remove");

        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void deleteHeadersShouldRemoveTheHeaderFilter() {
        when().delete("/filters/relay.test/headers").then().statusCode(204);

        assertThat(relay.policyText()).doesNotContain("header-filter");
        when().get("/filters/relay.test").then().statusCode(200).body("headerFilter", nullValue());
        when().delete("/filters/relay.test/headers").then().statusCode(404).body("message", is("relay.test has no header-filter entry"));
    }

    @Test
    void getAntivirusShouldGiveItsSettings() {
        String antivirus = when().get("/antivirus").then().statusCode(200).extract().body().asString();

        assertThat(antivirus).isEqualTo("{\"clamd\":\"[127.0.0.1]:3310\",\"timeoutMillis\":30000,\"onVirus\":\"reject\",\"onFailure\":\"accept\"}");
    }

    @Test
    void putAntivirusShouldWriteEveryOptionWhereItStands() {
        given().body("{\"clamd\":\"Clamd.Local.Test:3310\",\"timeout\":\"120s\",\"onVirus\":\"quarantine\"}").when().put("/antivirus")
            .then().statusCode(204);

        String line = "antivirus clamd=[clamd.local.test]:3310 timeout=2m on-virus=quarantine on-failure=tempfail";
        assertThat(relay.policyText()).endsWith("\n" + line + "\n");
        assertThat(relay.audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "change antivirus",
            "antivirus clamd=[127.0.0.1]:3310 on-failure=accept", line));
        when().get("/antivirus").then()
            .body("clamd", is("[clamd.local.test]:3310"))
            .body("timeoutMillis", is(120_000))
            .body("onVirus", is("quarantine"))
            .body("onFailure", is("tempfail"));
    }

    @Test
    void putAntivirusShouldRefuseWhatThePolicyParserRefuses() {
        badRequest(given().body("{\"timeout\":\"30s\"}").when().put("/antivirus").then(), "clamd is missing");
        badRequest(given().body("{\"clamd\":\"[127.0.0.1]:3310\",\"onVirus\":\"strip\"}").when().put("/antivirus").then(),
            "'antivirus clamd=[127.0.0.1]:3310 on-virus=strip': on-virus=strip is not supported: reject or quarantine");
        badRequest(given().body("{\"clamd\":\"[127.0.0.1]:3310\",\"onFailure\":\"ignore\"}").when().put("/antivirus").then(),
            "'antivirus clamd=[127.0.0.1]:3310 on-failure=ignore': on-failure=ignore is not one of tempfail, accept");
        badRequest(given().body("{\"clamd\":\"[127.0.0.1]:3310\",\"timeout\":\"30\"}").when().put("/antivirus").then(),
            "'antivirus clamd=[127.0.0.1]:3310 timeout=30': duration '30' is not like 500ms, 30s, 2m, 1h or 1d");
        badRequest(given().body("{\"clamd\":\"[127.0.0.1]:x\"}").when().put("/antivirus").then(),
            "'antivirus clamd=[127.0.0.1]:x': next hop '[127.0.0.1]:x': expected [HOST]:PORT");
        badRequest(given().body("{\"clamd\":\"[127.0.0.1]:3310\",\"timeoutMillis\":30000}").when().put("/antivirus").then(),
            "unknown field 'timeoutMillis'; the fields are clamd, onFailure, onVirus, timeout");

        assertThat(relay.policyText()).isEqualTo(POLICY);
        assertThat(relay.audit()).isEmpty();
    }

    @Test
    void deleteAntivirusShouldRemoveItAndPutShouldAddItBack() {
        when().delete("/antivirus").then().statusCode(204);

        when().get("/antivirus").then().statusCode(404).body("type", is("notFound")).body("message", is("antivirus is not set"));
        when().get("/filters").then().body("antivirus", nullValue());
        when().delete("/antivirus").then().statusCode(404).body("message", is("antivirus is not set"));

        given().body("{\"clamd\":\"[127.0.0.1]:3310\",\"timeout\":\"1500ms\"}").when().put("/antivirus").then().statusCode(204);

        assertThat(relay.policyText()).endsWith("\nantivirus clamd=[127.0.0.1]:3310 timeout=1500ms on-virus=reject on-failure=tempfail\n");
        assertThat(relay.audit()).extracting(AuditEntry::change).extracting(PolicyChange::action).containsExactly("add antivirus", "remove antivirus");
    }
}
