package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;

class QueueRoutesTest {
    private static final Instant QUEUED_AT = Instant.parse("2026-01-10T11:00:00Z");
    private static final String EVERY_MAIL = "select mail with name, route, domain, sender or olderThan, or confirm with all=true";

    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @BeforeEach
    void queueTwoMails() throws Exception {
        relay.relayQueue().enQueue(QueueFixtures.failedOnce("Mail-relay", "app@apps.test", QUEUED_AT, "via [127.0.0.1]:2526: refused",
            "x@relay.test"), Duration.ofHours(1));
        relay.relayQueue().enQueue(QueueFixtures.waiting("Mail-other", "news@apps.test", QUEUED_AT, "z@other.test"), Duration.ofHours(1));
    }

    @Test
    void listShouldGiveEachWaitingMailWithItsRouteAttemptsAndLastError() {
        given().queryParam("domain", "relay.test").when().get("/queue").then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("name", contains("Mail-relay"))
            .body("[0].sender", is("app@apps.test"))
            .body("[0].recipients", contains("x@relay.test"))
            .body("[0].routes.rule", contains("route:relay.test"))
            .body("[0].routes.hops", contains("[127.0.0.1]:2526"))
            .body("[0].routes[0].recipients", contains("x@relay.test"))
            .body("[0].queuedAt", is(QUEUED_AT.toString()))
            .body("[0].attempts", is(1))
            .body("[0].lastError", is("via [127.0.0.1]:2526: refused"))
            .body("[0].nextAttempt", notNullValue());
    }

    @Test
    void showShouldAddTheHeadersOfTheMessage() {
        when().get("/queue/Mail-other").then()
            .statusCode(200)
            .body("name", is("Mail-other"))
            .body("lastError", nullValue())
            .body("routes.rule", contains("route:*"))
            .body("headers", hasItem("Subject: about Mail-other"));
    }

    @Test
    void showShouldAnswerNotFoundForAMailThatIsNotThere() {
        when().get("/queue/Mail-gone").then()
            .statusCode(404)
            .body("message", is("no mail Mail-gone in the relay queue"));
        when().get("/held/Mail-relay").then()
            .statusCode(404)
            .body("message", is("no mail Mail-relay on hold"));
    }

    @Test
    void holdShouldMoveTheSelectedMailToTheHoldRepositoryAndReleaseBringItBack() throws Exception {
        given().queryParam("sender", "app@apps.test").when().post("/queue/hold").then()
            .statusCode(200)
            .body("action", is("hold"))
            .body("count", is(1))
            .body("mails", contains("Mail-relay"))
            .body("busy", empty());
        when().get("/queue").then().body("name", contains("Mail-other"));
        when().get("/held").then().body("name", contains("Mail-relay")).body("[0].nextAttempt", nullValue());
        assertThat(relay.hold().size()).isEqualTo(1);

        given().queryParam("all", "true").when().post("/held/release").then()
            .statusCode(200)
            .body("action", is("release"))
            .body("mails", contains("Mail-relay"));
        when().get("/held").then().body("", empty());
        assertThat(relay.relayQueue().getSize()).isEqualTo(2);
    }

    @Test
    void flushWithoutSelectionShouldFlushTheWholeQueue() {
        given().queryParam("all", "true").when().post("/queue/flush").then()
            .statusCode(200)
            .body("action", is("flush"))
            .body("count", is(2));
    }

    @Test
    void deleteShouldRemoveTheSelectedMailFromTheQueueOrFromHold() throws Exception {
        given().queryParam("name", "Mail-other").when().delete("/queue").then()
            .statusCode(200)
            .body("action", is("delete"))
            .body("mails", contains("Mail-other"));
        given().queryParam("name", "Mail-relay").when().post("/queue/hold").then().statusCode(200);
        given().queryParam("route", "relay.test").when().delete("/held").then()
            .statusCode(200)
            .body("mails", contains("Mail-relay"));

        assertThat(relay.relayQueue().getSize()).isZero();
        assertThat(relay.hold().size()).isZero();
    }

    @Test
    void actionsOnEveryMailShouldNeedAllTrue() throws Exception {
        badRequest(when().post("/queue/hold").then(), "hold of every mail: " + EVERY_MAIL);
        badRequest(when().post("/queue/flush").then(), "flush of every mail: " + EVERY_MAIL);
        badRequest(when().delete("/queue").then(), "delete of every mail: " + EVERY_MAIL);
        badRequest(when().post("/held/release").then(), "release of every mail: " + EVERY_MAIL);
        badRequest(given().queryParam("all", "yes").when().delete("/held").then(), "delete held of every mail: " + EVERY_MAIL);
        assertThat(relay.relayQueue().getSize()).isEqualTo(2);
    }

    @Test
    void aSelectionThatCannotBeReadShouldBeABadRequest() {
        badRequest(given().queryParam("olderThan", "soon").when().get("/queue").then(),
            "olderThan: expected a number and a unit (s, m, h, d), e.g. 30m; got 'soon'");
        badRequest(given().queryParam("sender", "").when().post("/queue/hold").then(), "sender must not be empty");
    }
}
