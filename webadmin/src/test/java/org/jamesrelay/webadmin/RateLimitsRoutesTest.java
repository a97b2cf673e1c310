package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitsRoutesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void putShouldAddALimitThatIsListedAndAudited() {
        given().body("{\"scope\":\"login\",\"counts\":\"messages\",\"max\":\"200/1h\"}").when().put("/rate-limits/Login-Hourly").then().statusCode(204);

        when().get("/rate-limits").then()
            .statusCode(200)
            .body("$", hasSize(1))
            .body("name", contains("login-hourly"))
            .body("scope", contains("login"))
            .body("counts", contains("messages"))
            .body("max", contains(200))
            .body("windowSeconds", contains(3600));
        assertThat(relay.policyText()).contains("rate-limit login-hourly scope=login counts=messages max=200/1h\n");
        assertThat(relay.audit().get(0).change().action()).isEqualTo("add rate-limit");
    }

    @Test
    void putShouldWriteTheEntryInCanonicalForm() {
        given().body("{\"scope\":\"Sender-Domain\",\"counts\":\"BYTES\",\"max\":\"5000/60m\"}").when().put("/rate-limits/daily")
            .then().statusCode(204);

        assertThat(relay.policyText()).contains("rate-limit daily scope=sender-domain counts=bytes max=5000/1h\n");
    }

    @Test
    void putShouldReplaceAndDeleteShouldRemove() {
        given().body("{\"scope\":\"client\",\"counts\":\"sessions\",\"max\":\"50\"}").when().put("/rate-limits/client-sessions").then().statusCode(204);
        given().body("{\"scope\":\"client\",\"counts\":\"sessions\",\"max\":\"10\"}").when().put("/rate-limits/client-sessions").then().statusCode(204);

        when().get("/rate-limits/client-sessions").then().statusCode(200).body("max", is(10));

        when().delete("/rate-limits/client-sessions").then().statusCode(204);
        when().get("/rate-limits/client-sessions").then().statusCode(404);
    }

    @Test
    void aLimitThePolicyRefusesShouldBeABadRequestNamingWhy() {
        badRequest(given().body("{\"scope\":\"login\",\"counts\":\"connections\",\"max\":\"10/1m\"}").when().put("/rate-limits/x").then(),
            "'rate-limit x scope=login counts=connections max=10/1m': counts=connections is known at connect: scope=client or network only");
        badRequest(given().body("{\"scope\":\"login\",\"counts\":\"messages\",\"max\":\"10/1h extra\"}").when().put("/rate-limits/x").then(),
            "the max '10/1h extra' contains white space or a control character");
    }
}
