package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.badRequest;
import static org.jamesrelay.webadmin.RelayWebAdminExtension.encoded;

import java.net.InetAddress;
import java.time.Duration;

import org.jamesrelay.core.AuthFailureLimits;
import org.jamesrelay.core.FailureThreshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LockoutsRoutesTest {
    private static final AuthFailureLimits LIMITS = new AuthFailureLimits(new FailureThreshold(2, Duration.ofMinutes(10)),
        new FailureThreshold(100, Duration.ofMinutes(10)), new FailureThreshold(100, Duration.ofMinutes(10)), Duration.ofMinutes(15),
        Duration.ofSeconds(1));

    @RegisterExtension
    RelayWebAdminExtension relay = new RelayWebAdminExtension();

    private void lockOut(String address) throws Exception {
        relay.authFailures().failed(InetAddress.getByName(address), "alice@local.test", LIMITS);
        relay.authFailures().failed(InetAddress.getByName(address), "alice@local.test", LIMITS);
    }

    @Test
    void lockoutsShouldBeListedWithTheirEnd() throws Exception {
        lockOut("192.0.2.7");

        when().get("/lockouts").then()
            .statusCode(200)
            .body("$", hasSize(1))
            .body("scope", contains("client"))
            .body("key", contains("192.0.2.7"))
            .body("failures", contains(2))
            .body("windowSeconds", contains(600))
            .body("until", contains("2026-01-01T00:15:00Z"))
            .body("secondsLeft", contains(900));
    }

    @Test
    void deleteShouldLiftALockout() throws Exception {
        lockOut("192.0.2.7");

        when().delete("/lockouts/client/192.0.2.7").then().statusCode(204);

        when().get("/lockouts").then().body("$", hasSize(0));
        assertThat(relay.authFailures().lockoutOf(InetAddress.getByName("192.0.2.7"), "alice@local.test")).isEmpty();
    }

    @Test
    void liftingWhatIsNotLockedOutShouldBeNotFound() {
        when().delete("/lockouts/network/" + encoded("192.0.2.0/24")).then().statusCode(404);
    }

    @Test
    void scopeShouldBeKnown() {
        badRequest(when().delete("/lockouts/planet/earth").then(), "scope must be client, network or login, not 'planet'");
    }
}
