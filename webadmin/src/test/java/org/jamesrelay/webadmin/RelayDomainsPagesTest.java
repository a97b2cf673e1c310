package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.POLICY;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.encoded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

class RelayDomainsPagesTest {
    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    @Test
    void recipientsShouldBeGivenAPageAtATimeInTheOrderOfTheirLocalParts() {
        for (String recipient : List.of("zed@relay.test", "alpha@relay.test", "a.b@relay.test")) {
            when().put("/domains/relay.test/recipients/" + encoded(recipient)).then().statusCode(204);
        }

        ExtractableResponse<Response> first = when().get("/domains/relay.test/recipients?limit=2").then()
            .statusCode(200)
            .body("$", contains("a.b@relay.test", "alpha@relay.test"))
            .header("Link", "</relay/domains/relay.test/recipients?limit=2&after=alpha%40relay.test>; rel=\"next\"")
            .extract();
        ExtractableResponse<Response> second = when().get(next(first)).then()
            .body("$", contains("info@relay.test", "sales@relay.test"))
            .extract();
        when().get(next(second)).then()
            .statusCode(200)
            .body("$", contains("zed@relay.test"))
            .header("Link", nullValue());
    }

    @Test
    void aPageShouldStartAfterARecipientThatIsNotListed() {
        when().get("/domains/relay.test/recipients?after=" + encoded("j@relay.test")).then()
            .statusCode(200)
            .body("$", contains("sales@relay.test"))
            .header("Link", nullValue());
    }

    @Test
    void pagesShouldGiveTheWholeListingOfThousandsOfRecipients() {
        String recipients = IntStream.range(0, 5_000).mapToObj(i -> "relay-recipient user" + i + "@relay.test\n").collect(Collectors.joining());
        given().contentType(ContentType.TEXT).body(POLICY + recipients).when().put("/policy").then().statusCode(204);

        List<String> whole = when().get("/domains/relay.test/recipients").then().statusCode(200)
            .contentType(ContentType.JSON).extract().jsonPath().getList("$", String.class);
        List<String> paged = new ArrayList<>();
        String page = "/domains/relay.test/recipients?limit=1000";
        for (int pages = 0; page != null; pages++) {
            assertThat(pages).isLessThan(6);
            ExtractableResponse<Response> answer = when().get(page).then().statusCode(200).extract();
            paged.addAll(answer.jsonPath().getList("$", String.class));
            page = answer.header("Link") == null ? null : next(answer);
        }

        assertThat(whole).hasSize(5_002)
            .isSortedAccordingTo(Comparator.comparing((String key) -> key.substring(0, key.lastIndexOf('@'))))
            .startsWith("info@relay.test", "sales@relay.test", "user0@relay.test");
        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void listingsShouldShowTheStoredPolicyBeforeItIsInForce() throws Exception {
        relay.store().write(POLICY + "relay-recipient new@relay.test\n", 1, new PolicyChange("hand", "edit", "", ""));

        when().get("/domains/relay.test/recipients?limit=10").then()
            .body("$", contains("info@relay.test", "new@relay.test", "sales@relay.test"));
        when().get("/domains/relay.test/recipients").then()
            .body("$", contains("info@relay.test", "new@relay.test", "sales@relay.test"));
    }

    @Test
    void aPageShouldRefuseAnInvalidLimitOrMarker() {
        badRequest(when().get("/domains/relay.test/recipients?limit=0").then(), "invalid limit '0': a number from 1 to 10000");
        badRequest(when().get("/domains/relay.test/recipients?limit=10001").then(), "invalid limit '10001': a number from 1 to 10000");
        badRequest(when().get("/domains/relay.test/recipients?limit=many").then(), "invalid limit 'many': a number from 1 to 10000");
        badRequest(when().get("/domains/relay.test/recipients?after=" + encoded("x@other.test")).then(),
            "invalid after 'x@other.test': a recipient of relay.test was expected");
        when().get("/domains/unknown.test/recipients?limit=10").then().statusCode(404);
    }

    @Test
    void aDomainThatAcceptsAnyRecipientShouldListNullInAPageToo() {
        assertThat(when().get("/domains/backup.test/recipients?limit=10").then().statusCode(200).extract().body().asString())
            .isEqualTo("null");
    }

    @Test
    void domainsShouldBeGivenAPageAtATimeWithTheirRecipientCounts() {
        ExtractableResponse<Response> first = when().get("/domains?limit=1").then()
            .statusCode(200)
            .body("domain", contains("backup.test"))
            .body("[0].recipientCount", nullValue())
            .body("[0].recipients", nullValue())
            .header("Link", "</relay/domains?limit=1&after=backup.test>; rel=\"next\"")
            .extract();
        when().get(next(first)).then()
            .body("domain", contains("relay.test"))
            .body("recipientCount", contains(2))
            .header("Link", nullValue());
    }

    /** The next page named by the Link header, under the base path of the requests. */
    private static String next(ExtractableResponse<Response> answer) {
        String link = answer.header("Link");
        assertThat(link).startsWith("<" + RelayApi.BASE_PATH + "/").endsWith(">; rel=\"next\"");
        return link.substring(1 + RelayApi.BASE_PATH.length(), link.indexOf('>'));
    }
}
