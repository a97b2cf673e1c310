package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class QueueOutputTest {
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final String MAIL = "{\"name\":\"Mail1\",\"sender\":\"app@apps.test\",\"recipients\":[\"x@relay.test\",\"y@other.test\"],"
        + "\"routes\":[{\"rule\":\"route:relay.test\",\"hops\":\"[127.0.0.1]:2526\",\"recipients\":[\"x@relay.test\"]},"
        + "{\"rule\":\"route:*\",\"hops\":\"direct\",\"recipients\":[\"y@other.test\"]}],"
        + "\"queuedAt\":\"2026-01-10T10:30:00Z\",\"attempts\":2,\"lastError\":\"via [127.0.0.1]:2526: refused\","
        + "\"nextAttempt\":\"2026-01-10T13:00:00Z\"";

    @Test
    void listShouldShowOneBlockAMailAndTheirNumber() {
        assertThat(QueueOutput.list(Json.parse("[" + MAIL + "}]"), false, NOW)).isEqualTo(String.join("\n",
            "Mail1  from app@apps.test  queued 2026-01-10T10:30:00Z (1h 30m ago)  attempts 2  next 2026-01-10T13:00:00Z",
            "  to x@relay.test  via [127.0.0.1]:2526 (route:relay.test)",
            "  to y@other.test  via direct (route:*)",
            "  last error: via [127.0.0.1]:2526: refused",
            "-- 1 mail in the relay queue",
            ""));
    }

    @Test
    void heldMailShouldHaveNoNextAttempt() {
        String held = "[{\"name\":\"Mail2\",\"sender\":\"<>\",\"recipients\":[\"x@relay.test\"],\"routes\":[],\"queuedAt\":null,"
            + "\"attempts\":0,\"lastError\":null,\"nextAttempt\":null}]";
        assertThat(QueueOutput.list(Json.parse(held), true, NOW)).isEqualTo("Mail2  from <>  attempts 0\n-- 1 mail on hold\n");
        assertThat(QueueOutput.list(Json.parse("[]"), true, NOW)).isEqualTo("-- no mail on hold\n");
        assertThat(QueueOutput.list(Json.parse("[]"), false, NOW)).isEqualTo("-- no mail in the relay queue\n");
    }

    @Test
    void showShouldAddTheHeaders() {
        assertThat(QueueOutput.show(Json.parse(MAIL + ",\"headers\":[\"Subject: hello\",\"From: app@apps.test\"]}"), NOW))
            .endsWith("  last error: via [127.0.0.1]:2526: refused\nheaders:\n  Subject: hello\n  From: app@apps.test\n");
    }

    @Test
    void actionShouldNameTheMailsDoneAndThoseLeftBusy() {
        JsonNode outcome = Json.parse("{\"action\":\"hold\",\"count\":2,\"mails\":[\"Mail1\",\"Mail2\"],\"busy\":[\"Mail3\"]}");
        assertThat(QueueOutput.action(outcome)).isEqualTo("held 2 mails: Mail1, Mail2\n"
            + "left as they were, under a delivery attempt (try again once it is over): Mail3\n");
        assertThat(QueueOutput.hasBusy(outcome)).isTrue();
        JsonNode flushedAll = Json.parse("{\"action\":\"flush\",\"count\":7,\"mails\":[],\"busy\":[]}");
        assertThat(QueueOutput.action(flushedAll)).isEqualTo("flushed 7 mails\n");
        assertThat(QueueOutput.hasBusy(flushedAll)).isFalse();
        assertThat(QueueOutput.action(Json.parse("{\"action\":\"delete held\",\"count\":1,\"mails\":[\"M\"],\"busy\":[]}")))
            .isEqualTo("deleted 1 mail: M\n");
    }
}
