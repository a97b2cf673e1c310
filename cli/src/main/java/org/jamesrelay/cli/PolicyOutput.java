package org.jamesrelay.cli;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answers of the {@code /relay} routes for trusted networks, relay domains, sender logins, settings, rate limits
 * and lockouts as an operator reads them: tables with a header line, one entry a row. Every method takes the JSON
 * answer and returns the text to print, ending with a line break.
 */
final class PolicyOutput {
    private PolicyOutput() {
    }

    static String networks(JsonNode answer) {
        return networkTable(Json.asList(answer));
    }

    static String network(JsonNode answer) {
        return networkTable(List.of(answer));
    }

    private static String networkTable(List<JsonNode> networks) {
        TextTable table = new TextTable("NETWORK", "SENDERS", "SERVED SENDERS ONLY");
        for (JsonNode item : networks) {
            JsonNode network = Json.asObject(item);
            table.row(Json.text(network.get("network")), patterns(network.get("senders"), "any"), Json.text(network.get("servedSendersOnly")));
        }
        return table.render("no trusted network: only logged-in clients may relay");
    }

    static String domains(JsonNode answer) {
        return domainTable(Json.asList(answer));
    }

    static String domain(JsonNode answer) {
        return domainTable(List.of(answer));
    }

    private static String domainTable(List<JsonNode> domains) {
        TextTable table = new TextTable("DOMAIN", "RECIPIENTS");
        for (JsonNode item : domains) {
            JsonNode domain = Json.asObject(item);
            table.row(Json.text(domain.get("domain")), patterns(domain.get("recipients"), "any"));
        }
        return table.render("no relay domain");
    }

    /** @param answer the recipients of a relay domain; null when it accepts any recipient */
    static String recipients(String domain, JsonNode answer) {
        if (Json.isAbsent(answer)) {
            return "any recipient of " + domain + " is accepted (no recipient is listed)\n";
        }
        return Json.asList(answer).stream().map(Json::text).map(line -> line + "\n").collect(Collectors.joining());
    }

    static String senders(JsonNode answer) {
        return senderTable(Json.asList(answer));
    }

    static String sender(JsonNode answer) {
        return senderTable(List.of(answer));
    }

    private static String senderTable(List<JsonNode> senders) {
        TextTable table = new TextTable("LOGIN", "OWNS (besides its own address and James aliases)", "SERVED SENDERS ONLY");
        for (JsonNode item : senders) {
            JsonNode sender = Json.asObject(item);
            table.row(Json.text(sender.get("login")), patterns(sender.get("owns"), "-"), Json.text(sender.get("servedSendersOnly")));
        }
        return table.render("no sender login: each login may send as its own address and its James aliases");
    }

    static String settings(JsonNode answer) {
        TextTable table = new TextTable("SETTING", "VALUE");
        Json.fields(answer).forEach(setting -> table.row(setting.getKey(), Json.text(setting.getValue())));
        return table.render("no setting");
    }

    static String rateLimits(JsonNode answer) {
        return rateLimitTable(Json.asList(answer));
    }

    static String rateLimit(JsonNode answer) {
        return rateLimitTable(List.of(answer));
    }

    private static String rateLimitTable(List<JsonNode> limits) {
        TextTable table = new TextTable("NAME", "SCOPE", "COUNTS", "MAX");
        for (JsonNode item : limits) {
            JsonNode limit = Json.asObject(item);
            table.row(Json.text(limit.get("name")), Json.text(limit.get("scope")), Json.text(limit.get("counts")), Json.text(limit.get("max"))
                + (Json.isAbsent(limit.get("windowSeconds")) ? " at once" : " in " + Json.text(limit.get("windowSeconds")) + " s"));
        }
        return table.render("no rate limit");
    }

    static String lockouts(JsonNode answer) {
        List<JsonNode> lockouts = Json.asList(answer);
        if (lockouts.isEmpty()) {
            return "no lockout\n";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : lockouts) {
            JsonNode lockout = Json.asObject(item);
            text.append(Json.text(lockout.get("scope"))).append(' ').append(Json.text(lockout.get("key")))
                .append("  ").append(Json.text(lockout.get("failures"))).append(" failures in ").append(Json.text(lockout.get("windowSeconds")))
                .append(" s, until ").append(Json.text(lockout.get("until"))).append(" (").append(Json.text(lockout.get("secondsLeft")))
                .append(" s left)\n");
        }
        return text.toString();
    }

    /** The items of a list, separated by commas; {@code none} for an empty or absent list. */
    static String patterns(JsonNode value, String none) {
        List<JsonNode> items = Json.asList(value);
        return items.isEmpty() ? none : items.stream().map(Json::text).collect(Collectors.joining(","));
    }
}
