package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.io.StringWriter;
import java.security.KeyPairGenerator;
import java.util.List;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;

class DkimRoutesTest {
    @RegisterExtension
    final RelayWebAdminExtension webAdmin = new RelayWebAdminExtension();

    private static String put(String domain, String json) {
        return given().header(RelayApi.ACTOR_HEADER, "alice").body(json).when().put("/dkim/" + domain).then()
            .extract().body().asString();
    }

    @Test
    void aPutGeneratesAKeyPairAndAnswersTheRecordToPublish() {
        given().body("{\"selector\": \"s1\"}").when().put("/dkim/example.com").then()
            .statusCode(201)
            .contentType(ContentType.JSON)
            .body("selector", is("s1"))
            .body("algorithm", is("rsa-sha256"))
            .body("bits", is(2048))
            .body("active", is(true))
            .body("dnsName", is("s1._domainkey.example.com"))
            .body("dnsRecord", matchesPattern("v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*"));

        given().when().get("/dkim/example.com").then()
            .statusCode(200)
            .body("domain", is("example.com"))
            .body("selector", is("s1"))
            .body("algorithm", is("rsa-sha256"))
            .body("dnsName", is("s1._domainkey.example.com"))
            .body("dnsRecord", matchesPattern("v=DKIM1; k=rsa; p=.*"))
            .body("onFailure", is("hold"))
            .body("keys", hasSize(1));
    }

    @Test
    void rotationAddsAStandbySelectorAndSwitchesToIt() {
        put("example.com", "{\"selector\": \"s1\"}");
        given().body("{\"selector\": \"s2\", \"bits\": 1024}").when().put("/dkim/example.com").then()
            .statusCode(201).body("active", is(false)).body("bits", is(1024));

        given().body("{\"selector\": \"s2\", \"active\": true}").when().put("/dkim/example.com").then()
            .statusCode(200).body("selector", is("s2")).body("active", is(true));

        given().when().get("/dkim/example.com").then().body("selector", is("s2")).body("keys.active", is(List.of(false, true)));
        given().when().delete("/dkim/example.com/s1").then().statusCode(204);
        given().when().get("/dkim/example.com").then().body("keys.selector", is(List.of("s2")));
    }

    @Test
    void anEd25519KeySignsBesideTheRsaOne() {
        put("example.com", "{\"selector\": \"s1\"}");

        given().body("{\"selector\": \"e1\", \"algorithm\": \"ed25519-sha256\"}").when().put("/dkim/example.com").then()
            .statusCode(201).body("active", is(true)).body("dnsRecord", matchesPattern("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}="));
    }

    @Test
    void anExistingPemKeyIsImported() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        StringWriter pem = new StringWriter();
        try (PemWriter writer = new PemWriter(pem)) {
            writer.writeObject(new PemObject("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
        }
        String json = "{\"selector\": \"old\", \"privateKey\": \"" + pem.toString().replace("\n", "\\n") + "\"}";

        String answer = given().body(json).when().put("/dkim/example.com").then()
            .statusCode(201).body("algorithm", is("rsa-sha256")).body("selector", is("old"))
            .extract().body().asString();

        String base64 = pem.toString().lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        assertThat(answer).doesNotContain(base64.substring(100, 140));

        given().contentType(ContentType.TEXT).body(pem.toString()).when().put("/dkim/example.com/older?active=true").then()
            .statusCode(201).body("selector", is("older")).body("active", is(true));
        given().when().get("/dkim/example.com").then().body("selector", is("older"));
    }

    @Test
    void settingsSayWhetherSubdomainsAreSignedAndWhatAFailureDoes() {
        put("example.com", "{\"selector\": \"s1\"}");

        given().body("{\"subdomains\": true, \"onFailure\": \"send-unsigned\"}").when().put("/dkim/example.com").then()
            .statusCode(200).body("subdomains", is(true)).body("onFailure", is("send-unsigned"));
    }

    @Test
    void refusalsAreNamed() {
        put("example.com", "{\"selector\": \"s1\"}");

        RelayWebAdminExtension.conflict(given().body("{\"selector\": \"s1\", \"algorithm\": \"rsa\"}").when().put("/dkim/example.com").then(),
            "selector s1 of example.com exists already: retire it first, or choose another selector");
        RelayWebAdminExtension.badRequest(given().body("{\"selector\": \"s 2\"}").when().put("/dkim/example.com").then(),
            "invalid selector 's 2': DNS labels of letters, digits and '-', separated by dots");
        RelayWebAdminExtension.badRequest(given().body("{\"selector\": \"s2\", \"algorithm\": \"dsa\"}").when().put("/dkim/example.com").then(),
            "unknown DKIM algorithm 'dsa': expected one of rsa-sha256, ed25519-sha256");
        RelayWebAdminExtension.badRequest(given().body("{\"selector\": \"s2\", \"bits\": 512}").when().put("/dkim/example.com").then(),
            "RSA keys have 1024 to 4096 bits, not 512");
        RelayWebAdminExtension.badRequest(given().body("{\"selector\": \"s2\", \"privateKey\": \"nope\"}").when().put("/dkim/example.com").then(),
            "no PEM private key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        RelayWebAdminExtension.conflict(given().body("{\"selector\": \"s1\", \"active\": false}").when().put("/dkim/example.com").then(),
            "selector s1 of example.com signs: activate another selector, or retire this one");
        given().when().get("/dkim/example.org").then().statusCode(404);
        given().when().delete("/dkim/example.com/s9").then().statusCode(404);
    }

    @Test
    void noAnswerAndNoAuditEntryHoldsThePrivateKey() {
        String created = put("example.com", "{\"selector\": \"s1\"}");
        String stored = webAdmin.dkimKeysText();
        String keyLine = stored.lines().filter(line -> line.startsWith("dkim-key")).findFirst().orElseThrow();
        String privateKey = keyLine.substring(keyLine.lastIndexOf(' ') + 1).substring(100, 140);

        String domain = given().when().get("/dkim/example.com").then().extract().body().asString();
        String all = given().when().get("/dkim").then().extract().body().asString();
        String audit = given().when().get("/audit").then().extract().body().asString();

        assertThat(created + domain + all + audit).doesNotContain(privateKey);
        given().when().get("/audit").then()
            .body("[0].actor", is("alice"))
            .body("[0].action", is("add dkim key"))
            .body("[0].after", matchesPattern("example.com s1 rsa-sha256 2048 bits active SHA256:.{43}"));
    }

    @Test
    void explainSaysWithWhichSelectorsASendersMailWouldBeSigned() {
        put("local.test", "{\"selector\": \"s1\"}");
        put("local.test", "{\"selector\": \"e1\", \"algorithm\": \"ed25519\"}");

        RelayWebAdminExtension.explain("{\"client\": \"127.0.0.1\", \"sender\": \"app@local.test\", \"recipient\": \"info@relay.test\"}")
            .statusCode(200)
            .body("dkim.signed", is(true))
            .body("dkim.domain", is("local.test"))
            .body("dkim.selectors", is(List.of("s1", "e1")));
        RelayWebAdminExtension.explain("{\"client\": \"127.0.0.1\", \"sender\": \"app@other.test\", \"recipient\": \"info@relay.test\"}")
            .statusCode(200)
            .body("dkim.signed", is(false))
            .body("dkim.domain", nullValue());
    }
}
