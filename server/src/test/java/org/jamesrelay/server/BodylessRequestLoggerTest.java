package org.jamesrelay.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import spark.Request;

class BodylessRequestLoggerTest {
    private static final BodylessRequestLogger LOGGER = new BodylessRequestLogger();

    private static Request request(String method, String path) {
        return new Request() {
            @Override
            public String requestMethod() {
                return method;
            }

            @Override
            public String pathInfo() {
                return path;
            }
        };
    }

    @Test
    void policyImportsAndDkimKeysShouldBeLoggedWithoutTheirBody() {
        assertThat(LOGGER.applies(request("PUT", "/relay/policy"))).isTrue();
        assertThat(LOGGER.applies(request("PUT", "/relay/dkim/relay.test"))).isTrue();
        assertThat(LOGGER.applies(request("PUT", "/relay/dkim/relay.test/s1"))).isTrue();
        assertThat(LOGGER.applies(request("POST", "/relay/dkim/relay.test"))).isTrue();
    }

    @Test
    void otherRequestsShouldBeLeftToJamesLogger() {
        assertThat(LOGGER.applies(request("GET", "/relay/policy"))).isFalse();
        assertThat(LOGGER.applies(request("GET", "/relay/dkim/relay.test"))).isFalse();
        assertThat(LOGGER.applies(request("PUT", "/relay/networks/192.0.2.0%2F24"))).isFalse();
        assertThat(LOGGER.applies(request("PUT", "/users/alice@local.test"))).isFalse();
    }
}
