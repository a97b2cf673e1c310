package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

class RelayRoutesTest {
    private static final String POLICY = String.join("\n",
        "# test policy",
        "relay-mode policy",
        "trusted-network 127.0.0.1/32",
        "trusted-network ::1/128   # loopback",
        "authenticated-relay tls-only",
        "local-senders-require-login yes",
        "relay-domain relay.test",
        "relay-recipient info@relay.test",
        "relay-recipient sales@relay.test",
        "relay-domain backup.test   # backup MX",
        "sender-login alice@local.test owns=alice.smith@local.test",
        "served-senders-only no",
        "");

    private MemoryPolicyStore store;
    private WebAdminServer webAdminServer;

    @BeforeEach
    void setUp() {
        store = MemoryPolicyStore.holding(POLICY);
        RelayPolicyService service = new RelayPolicyService(new PolicySource(store, "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().localDomain("local.test").build());
        webAdminServer = WebAdminUtils.createWebAdminServer(new RelayRoutes(new PolicyEditor(service), service, new JsonTransformer()))
            .start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(webAdminServer)
            .setBasePath(RelayRoutes.BASE_PATH)
            .setUrlEncodingEnabled(false)
            .build();
    }

    @AfterEach
    void tearDown() {
        webAdminServer.destroy();
    }

    private static String encoded(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    private String policyText() {
        return store.read().orElseThrow().text();
    }

    private List<AuditEntry> audit() {
        return store.audit(100);
    }

    private static void badRequest(ValidatableResponse response, String message) {
        response.statusCode(400)
            .contentType(ContentType.JSON)
            .body("statusCode", is(400))
            .body("type", is("InvalidArgument"))
            .body("message", is(message));
    }

    private ValidatableResponse explain(String json) {
        return given().body(json).when().post("/explain").then();
    }

    @Nested
    class Networks {
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
            given().header(RelayRoutes.ACTOR_HEADER, "ops").body("{\"senders\":[\"Scanner@Local.test\",\"@apps.local.test\"],\"servedSendersOnly\":true}")
                .when().put("/networks/" + encoded("192.0.2.0/24"))
                .then().statusCode(204)
                .header("ETag", "\"2\"")
                .header(RelayRoutes.VERSION_HEADER, "2");

            when().get("/networks/" + encoded("192.0.2.0/24")).then()
                .statusCode(200)
                .body("network", is("192.0.2.0/24"))
                .body("senders", contains("scanner@local.test", "@apps.local.test"))
                .body("servedSendersOnly", is(true));
            assertThat(policyText()).contains("trusted-network ::1/128   # loopback\n"
                + "trusted-network 192.0.2.0/24 senders=scanner@local.test,@apps.local.test served-senders-only\n");
            assertThat(audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("ops", "add trusted-network", "",
                "trusted-network 192.0.2.0/24 senders=scanner@local.test,@apps.local.test served-senders-only"));
        }

        @Test
        void putWithoutBodyShouldTrustTheNetworkForAnySender() {
            when().put("/networks/" + encoded("2001:db8::/32")).then().statusCode(204);

            assertThat(policyText()).contains("trusted-network 2001:db8::/32\n");
            assertThat(audit().get(0).change().actor()).isEqualTo(RelayRoutes.DEFAULT_ACTOR);
        }

        @Test
        void putOnATrustedNetworkShouldChangeItWhereItStands() {
            given().body("{\"servedSendersOnly\":true}").when().put("/networks/" + encoded("0::1/128")).then().statusCode(204);

            assertThat(policyText()).contains("trusted-network 127.0.0.1/32\ntrusted-network ::1/128 served-senders-only   # loopback\n");
            assertThat(audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "change trusted-network",
                "trusted-network ::1/128", "trusted-network ::1/128 served-senders-only"));
        }

        @Test
        void putOfWhatIsAlreadyThereShouldWriteNothing() {
            when().put("/networks/" + encoded("127.0.0.1/32")).then().statusCode(204);

            assertThat(policyText()).isEqualTo(POLICY);
            assertThat(audit()).isEmpty();
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
            assertThat(policyText()).isEqualTo(POLICY);
        }

        @Test
        void putShouldRefuseAWrongBody() {
            badRequest(given().body("{\"sender\":[]}").when().put("/networks/" + encoded("192.0.2.0/24")).then(),
                "unknown field 'sender'; the fields are senders, servedSendersOnly");
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
            assertThat(policyText()).doesNotContain("::1/128");
            assertThat(audit()).extracting(AuditEntry::change)
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

    @Nested
    class Domains {
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
            assertThat(audit()).extracting(AuditEntry::change)
                .containsExactly(new PolicyChange("webadmin", "add relay-domain", "", "relay-domain new.test"));
            explain("{\"client\":\"203.0.113.9\",\"sender\":\"a@outside.example\",\"recipient\":\"anyone@new.test\"}")
                .body("verdict", is("RELAY_DOMAIN"))
                .body("rule", is("relay-domain:new.test"));
        }

        @Test
        void putOfAListedDomainShouldWriteNothing() {
            when().put("/domains/relay.test").then().statusCode(204);

            assertThat(audit()).isEmpty();
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
            assertThat(audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("webadmin", "remove relay-domain",
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

            assertThat(policyText()).contains("relay-domain backup.test   # backup MX\nrelay-domain new.test\nrelay-recipient ops@new.test\n");
            when().get("/domains/new.test").then().body("recipients", contains("ops@new.test"));
            assertThat(audit().get(0).change()).isEqualTo(new PolicyChange("webadmin", "add relay-recipient", "", "relay-recipient ops@new.test"));
            explain("{\"client\":\"203.0.113.9\",\"sender\":\"a@outside.example\",\"recipient\":\"other@new.test\"}")
                .body("verdict", is("DENY"))
                .body("reply.code", is(550))
                .body("reply.enhancedStatus", is("5.1.1"))
                .body("rule", is("relay-recipient:new.test"));
        }

        @Test
        void recipientShouldBeAddedAfterTheOtherRecipientsOfItsDomain() {
            when().put("/domains/relay.test/recipients/" + encoded("support@relay.test")).then().statusCode(204);

            assertThat(policyText()).contains("relay-recipient sales@relay.test\nrelay-recipient support@relay.test\nrelay-domain backup.test");
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
            assertThat(audit().get(0).change()).isEqualTo(new PolicyChange("webadmin", "remove relay-recipient", "relay-recipient info@relay.test", ""));
            when().delete("/domains/relay.test/recipients/" + encoded("info@relay.test")).then()
                .statusCode(404)
                .body("message", is("info@relay.test is not a listed recipient of relay.test"));
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

    @Nested
    class Senders {
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
            assertThat(audit().get(0).change()).isEqualTo(new PolicyChange("webadmin", "add sender-login", "",
                "sender-login bob@local.test owns=@sales.local.test"));
            explain(request).body("verdict", is("RELAY"))
                .body("senderDecision.verdict", is("SENDER_ACCEPTED"))
                .body("senderDecision.rule", is("sender-login:bob@local.test"));
        }

        @Test
        void putShouldChangeALoginWhereItStands() {
            given().body("{\"owns\":[\"alice.smith@local.test\"],\"servedSendersOnly\":true}").when().put("/senders/alice@local.test")
                .then().statusCode(204);

            assertThat(policyText()).contains("sender-login alice@local.test owns=alice.smith@local.test served-senders-only\nserved-senders-only no\n");
            assertThat(audit().get(0).change().action()).isEqualTo("change sender-login");
        }

        @Test
        void putThatSaysNothingShouldBeRefusedWithTheProblemOfThePolicy() {
            badRequest(when().put("/senders/bob@local.test").then(),
                "'sender-login bob@local.test': says nothing: give owns=ADDRESS|@DOMAIN,... or served-senders-only");
            badRequest(given().body("{\"owns\":[\"bob@\"]}").when().put("/senders/bob@local.test").then(),
                "owns: 'bob@' is neither an address nor @domain: empty domain");
            assertThat(audit()).isEmpty();
        }

        @Test
        void deleteShouldRemoveTheLogin() {
            when().delete("/senders/alice@local.test").then().statusCode(204);

            when().get("/senders").then().body("$", empty());
            when().delete("/senders/alice@local.test").then().statusCode(404).body("message", is("sender login alice@local.test is not listed"));
        }
    }

    @Nested
    class Settings {
        @Test
        void getShouldGiveEverySetting() {
            Map<String, Object> settings = when().get("/settings").then().statusCode(200).extract().jsonPath().getMap(".");

            assertThat(settings).containsExactly(Map.entry("relayMode", "policy"), Map.entry("authenticatedRelay", "tls-only"),
                Map.entry("authenticatedRelayServedSendersOnly", false), Map.entry("servedSendersOnly", false),
                Map.entry("localSendersRequireLogin", true));
        }

        @Test
        void putShouldChangeTheSettingWhereItStands() {
            given().body("\"open-relay\"").when().put("/settings/relayMode").then().statusCode(204);

            when().get("/settings").then().body("relayMode", is("open-relay"));
            assertThat(policyText()).startsWith("# test policy\nrelay-mode open-relay\n");
            assertThat(audit().get(0).change()).isEqualTo(new PolicyChange("webadmin", "set relay-mode", "relay-mode policy", "relay-mode open-relay"));
            explain("{\"client\":\"203.0.113.9\",\"sender\":\"a@outside.example\",\"recipient\":\"x@elsewhere.example\"}")
                .body("verdict", is("RELAY"))
                .body("rule", is("relay-mode:open-relay"))
                .body("warning", is("open relay mode: any client may relay through this server"));
        }

        @Test
        void authenticatedRelayOptionShouldKeepItsMode() {
            given().body("true").when().put("/settings/authenticatedRelayServedSendersOnly").then().statusCode(204);
            given().body("\"allow\"").when().put("/settings/authenticated-relay").then().statusCode(204);

            assertThat(policyText()).contains("\nauthenticated-relay allow served-senders-only\n");
            when().get("/settings").then().body("authenticatedRelay", is("allow")).body("authenticatedRelayServedSendersOnly", is(true));
        }

        @Test
        void booleanSettingsShouldTakeYesNoToo() {
            given().body("\"yes\"").when().put("/settings/served-senders-only").then().statusCode(204);
            given().body("false").when().put("/settings/localSendersRequireLogin").then().statusCode(204);

            assertThat(policyText()).contains("\nlocal-senders-require-login no\n").contains("\nserved-senders-only yes\n");
        }

        @Test
        void aSettingThatIsNotInThePolicyShouldBeAdded() throws Exception {
            store.write("trusted-network 127.0.0.1/32\n", 1, new PolicyChange("test", "reset", "", ""));

            given().body("true").when().put("/settings/servedSendersOnly").then().statusCode(204);

            assertThat(policyText()).isEqualTo("trusted-network 127.0.0.1/32\nserved-senders-only yes\n");
        }

        @Test
        void unknownSettingOrInvalidValueShouldBeRefused() {
            badRequest(given().body("true").when().put("/settings/openRelay").then(),
                "unknown setting 'openRelay'; the settings are relayMode, authenticatedRelay, authenticatedRelayServedSendersOnly, "
                    + "servedSendersOnly, localSendersRequireLogin");
            badRequest(given().body("\"closed\"").when().put("/settings/relayMode").then(), "relayMode must be one of policy, open-relay, not 'closed'");
            badRequest(given().body("1").when().put("/settings/servedSendersOnly").then(), "servedSendersOnly must be true or false, not a number");
            badRequest(when().put("/settings/servedSendersOnly").then(), "the request has no body: send the value as JSON, e.g. true");
            assertThat(audit()).isEmpty();
        }
    }

    @Nested
    class WholePolicy {
        @Test
        void getShouldExportTheTextWithItsVersion() {
            String text = given().accept(ContentType.TEXT).when().get("/policy").then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .header("ETag", "\"1\"")
                .header(RelayRoutes.VERSION_HEADER, "1")
                .header(RelayRoutes.APPLIED_VERSION_HEADER, "1")
                .extract().body().asString();

            assertThat(text).isEqualTo(POLICY);
        }

        @Test
        void putShouldImportAValidPolicyAndAuditIt() {
            String imported = "# imported\ntrusted-network 192.0.2.0/24\nrelay-domain relay.test\n";

            given().contentType(ContentType.TEXT).header(RelayRoutes.ACTOR_HEADER, "deploy").body(imported)
                .when().put("/policy").then().statusCode(204).header(RelayRoutes.VERSION_HEADER, "2");

            assertThat(policyText()).isEqualTo(imported);
            assertThat(audit()).extracting(AuditEntry::change).containsExactly(new PolicyChange("deploy", "import", POLICY, imported));
            when().get("/networks").then().body("network", contains("192.0.2.0/24"));
        }

        @Test
        void putShouldRefuseAnInvalidPolicyWhole() {
            badRequest(given().contentType(ContentType.TEXT).body("relay-domain ok.test\ntrusted-network 10.0.0.1/8\n").when().put("/policy").then(),
                "invalid policy, nothing imported: line 2: 'trusted-network 10.0.0.1/8': host bits are set in 10.0.0.1/8; the network is 10.0.0.0/8");
            badRequest(given().contentType(ContentType.TEXT).body("").when().put("/policy").then(),
                "the request has no body: send the whole policy as text/plain (an empty policy is refused)");

            assertThat(policyText()).isEqualTo(POLICY);
            assertThat(audit()).isEmpty();
        }

        @Test
        void putWithIfMatchShouldImportOnlyOverTheVersionItNames() {
            given().contentType(ContentType.TEXT).header("If-Match", "\"7\"").body("relay-domain a.test\n").when().put("/policy").then()
                .statusCode(412)
                .body("type", is("WrongState"))
                .body("message", is("the policy changed since version 7 was read (the stored version is 1): export it again and redo the change"));

            given().contentType(ContentType.TEXT).header("If-Match", "\"1\"").body("relay-domain a.test\n").when().put("/policy").then()
                .statusCode(204);
            assertThat(policyText()).isEqualTo("relay-domain a.test\n");
        }

        @Test
        void anInvalidStoredPolicyShouldBeReportedAndReplaceable() throws Exception {
            store.write("trusted-network nonsense\n", 1, new PolicyChange("hand", "edit", "", ""));

            when().get("/networks").then()
                .statusCode(409)
                .body("message", is("the stored relay policy is invalid (replace it with PUT /relay/policy): line 1: "
                    + "'trusted-network nonsense': 'nonsense' is not an IP address"));
            given().contentType(ContentType.TEXT).body("trusted-network 127.0.0.1/32\n").when().put("/policy").then().statusCode(204);
            when().get("/networks").then().statusCode(200).body("network", contains("127.0.0.1/32"));
        }
    }

    @Nested
    class Explain {
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
        void trustedNetworkShouldRelay() {
            explain("{\"client\":\"127.0.0.1\",\"sender\":\"app@local.test\",\"recipient\":\"x@elsewhere.example\"}")
                .body("verdict", is("RELAY"))
                .body("accepted", is(true))
                .body("reply.code", is(250))
                .body("rule", is("trusted-network:127.0.0.1/32"))
                .body("route", nullValue())
                .body("note", startsWith("routes (transport maps) are not part of the relay policy yet"));
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
                .body("senderDecision.reply.text", is("<alice@local.test>: Sender address rejected: not logged in"));
        }

        @Test
        void localRecipientShouldBeLocal() {
            explain("{\"client\":\"203.0.113.9\",\"sender\":\"\",\"recipient\":\"bob@local.test\"}")
                .body("verdict", is("LOCAL"))
                .body("senderDecision.rule", is("null-sender"))
                .body("note", is("delivered locally by James: no route"));
        }

        @Test
        void getShouldExplainFromQueryParameters() {
            given().queryParam("client", "203.0.113.9").queryParam("sender", "a@outside.example").queryParam("recipient", "info@relay.test")
                .when().get("/explain").then()
                .statusCode(200)
                .body("verdict", is("RELAY_DOMAIN"))
                .body("rule", is("relay-domain:relay.test"));
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

    @Nested
    class Audit {
        @Test
        void auditShouldGiveTheChangesNewestFirst() {
            given().header(RelayRoutes.ACTOR_HEADER, "alice").when().put("/domains/a.test").then().statusCode(204);
            given().header(RelayRoutes.ACTOR_HEADER, "bob").when().put("/domains/a.test/recipients/" + encoded("x@a.test")).then().statusCode(204);
            when().delete("/networks/" + encoded("127.0.0.1/32")).then().statusCode(204);

            when().get("/audit?limit=2").then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("actor", contains("webadmin", "bob"))
                .body("action", contains("remove trusted-network", "add relay-recipient"))
                .body("before", contains("trusted-network 127.0.0.1/32", ""))
                .body("after", contains("", "relay-recipient x@a.test"))
                .body("version", contains(4, 3))
                .body("[0].at", startsWith("20"));
            when().get("/audit").then().body("$", hasSize(3));
        }

        @Test
        void limitShouldBeANumberInRange() {
            badRequest(when().get("/audit?limit=many").then(), "limit must be a whole number, not 'many'");
            badRequest(when().get("/audit?limit=0").then(), "limit must be between 1 and 10000, not 0");
        }
    }

    @Test
    void concurrentChangesShouldNeverBeLost() throws Exception {
        int writers = 6;
        int[] statuses = new int[writers];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int writer = i;
            threads.add(new Thread(() -> statuses[writer] = when().put("/domains/d" + writer + ".test").then().extract().statusCode()));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        // each write is kept, or refused with 409 when it lost the race five times in a row: never lost silently
        String text = policyText();
        int written = 0;
        for (int i = 0; i < writers; i++) {
            assertThat(statuses[i]).isIn(204, 409);
            if (statuses[i] == 204) {
                written++;
                assertThat(text).contains("relay-domain d" + i + ".test\n");
            } else {
                assertThat(text).doesNotContain("relay-domain d" + i + ".test\n");
            }
        }
        assertThat(written).isPositive();
        assertThat(audit()).hasSize(written);
    }
}
