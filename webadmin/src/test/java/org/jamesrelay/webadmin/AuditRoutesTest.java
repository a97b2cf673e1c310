package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.encoded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditRoutesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void auditShouldGiveTheChangesNewestFirst() {
        given().header(RelayApi.ACTOR_HEADER, "alice").when().put("/domains/a.test").then().statusCode(204);
        given().header(RelayApi.ACTOR_HEADER, "bob").when().put("/domains/a.test/recipients/" + encoded("x@a.test")).then().statusCode(204);
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
