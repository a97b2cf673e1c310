package org.jamesrelay.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answers of the queue routes as text: one block a mail, as {@code postqueue -p} shows the Postfix queue.
 */
final class QueueOutput {
    private QueueOutput() {
    }

    static String list(JsonNode json, boolean held, Instant now) {
        List<JsonNode> mails = Json.asList(json);
        StringBuilder text = new StringBuilder();
        for (JsonNode mail : mails) {
            text.append(summary(Json.asObject(mail), now));
        }
        String where = held ? "on hold" : "in the relay queue";
        text.append(mails.isEmpty() ? "-- no mail " + where : "-- " + count(mails.size()) + " " + where).append('\n');
        return text.toString();
    }

    static String show(JsonNode json, Instant now) {
        JsonNode mail = Json.asObject(json);
        StringBuilder text = new StringBuilder(summary(mail, now));
        text.append("headers:\n");
        for (JsonNode header : Json.asList(mail.get("headers"))) {
            text.append("  ").append(Json.text(header)).append('\n');
        }
        return text.toString();
    }

    /** {@code held 2 mails: A, B}, and the busy ones on a line of their own. */
    static String action(JsonNode json) {
        JsonNode outcome = Json.asObject(json);
        String action = Json.text(outcome.get("action"));
        List<JsonNode> mails = Json.asList(outcome.get("mails"));
        StringBuilder text = new StringBuilder(done(action)).append(' ').append(count(Long.parseLong(Json.text(outcome.get("count")))));
        if (!mails.isEmpty()) {
            text.append(": ").append(joined(mails));
        }
        text.append('\n');
        List<JsonNode> busy = Json.asList(outcome.get("busy"));
        if (!busy.isEmpty()) {
            text.append("left as they were, under a delivery attempt (try again once it is over): ").append(joined(busy)).append('\n');
        }
        return text.toString();
    }

    static boolean hasBusy(JsonNode json) {
        return !Json.asList(Json.asObject(json).get("busy")).isEmpty();
    }

    private static String summary(JsonNode mail, Instant now) {
        StringBuilder text = new StringBuilder();
        text.append(Json.text(mail.get("name"))).append("  from ").append(Json.text(mail.get("sender")));
        if (!Json.isAbsent(mail.get("queuedAt"))) {
            text.append("  queued ").append(Json.text(mail.get("queuedAt"))).append(ago(Json.text(mail.get("queuedAt")), now));
        }
        text.append("  attempts ").append(Json.text(mail.get("attempts")));
        if (!Json.isAbsent(mail.get("nextAttempt"))) {
            text.append("  next ").append(Json.text(mail.get("nextAttempt")));
        }
        text.append('\n');
        for (JsonNode route : Json.asList(mail.get("routes"))) {
            JsonNode group = Json.asObject(route);
            text.append("  to ").append(joined(Json.asList(group.get("recipients"))))
                .append("  via ").append(Json.text(group.get("hops")))
                .append(" (").append(Json.text(group.get("rule"))).append(")\n");
        }
        if (!Json.isAbsent(mail.get("lastError"))) {
            text.append("  last error: ").append(Json.text(mail.get("lastError"))).append('\n');
        }
        return text.toString();
    }

    private static String ago(String instant, Instant now) {
        try {
            Duration age = Duration.between(Instant.parse(instant), now);
            if (age.isNegative()) {
                return "";
            }
            if (age.toDays() > 0) {
                return " (" + age.toDays() + "d " + age.toHoursPart() + "h ago)";
            }
            if (age.toHours() > 0) {
                return " (" + age.toHours() + "h " + age.toMinutesPart() + "m ago)";
            }
            return age.toMinutes() > 0 ? " (" + age.toMinutes() + "m " + age.toSecondsPart() + "s ago)" : " (" + age.toSeconds() + "s ago)";
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private static String done(String action) {
        switch (action) {
            case "hold":
                return "held";
            case "release":
                return "released";
            case "flush":
                return "flushed";
            case "delete":
            case "delete held":
                return "deleted";
            default:
                return action;
        }
    }

    private static String count(long count) {
        return count == 1 ? "1 mail" : count + " mails";
    }

    private static String joined(List<JsonNode> values) {
        StringBuilder text = new StringBuilder();
        for (JsonNode value : values) {
            text.append(text.length() == 0 ? "" : ", ").append(Json.text(value));
        }
        return text.toString();
    }
}
