package org.jamesrelay.cli;

import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** The answer of {@code POST /relay/explain}: the verdict, the rule that decides, the route, DKIM and the limits of the client. */
final class ExplanationOutput {
    private ExplanationOutput() {
    }

    static String explanation(JsonNode answer) {
        JsonNode explanation = Json.asObject(answer);
        TextTable table = new TextTable();
        table.row("verdict", Json.text(explanation.get("verdict")) + (Json.isTrue(explanation.get("accepted")) ? " (accepted)" : " (refused)"));
        table.row("reply", reply(explanation.get("reply")));
        table.row("rule", Json.text(explanation.get("rule")));
        if (!Json.isAbsent(explanation.get("senderDecision"))) {
            JsonNode sender = Json.asObject(explanation.get("senderDecision"));
            table.row("sender", Json.text(sender.get("verdict")) + " by rule " + Json.text(sender.get("rule")) + ": " + reply(sender.get("reply")));
            if (!Json.isAbsent(sender.get("warning"))) {
                table.row("", "warning: " + Json.text(sender.get("warning")));
            }
        }
        table.row("route", Json.isAbsent(explanation.get("route")) ? "none" + note(explanation) : route(Json.asObject(explanation.get("route"))));
        if (!Json.isAbsent(explanation.get("dkim"))) {
            table.row("dkim", dkim(Json.asObject(explanation.get("dkim"))));
        }
        table.row("policy", "version " + Json.text(explanation.get("policyVersion")));
        if (!Json.isAbsent(explanation.get("limits"))) {
            limits(table, Json.asObject(explanation.get("limits")));
        }
        if (!Json.isAbsent(explanation.get("warning"))) {
            table.row("warning", Json.text(explanation.get("warning")));
        }
        return table.render("");
    }

    private static String dkim(JsonNode dkim) {
        return Json.isTrue(dkim.get("signed"))
            ? "signed d=" + Json.text(dkim.get("domain")) + " s=" + Json.asList(dkim.get("selectors")).stream().map(Json::text)
                .collect(Collectors.joining(",")) + " (on failure " + Json.text(dkim.get("onFailure")) + ")"
            : "unsigned (" + Json.text(dkim.get("note")) + ")";
    }

    /** The abuse limits of the client: exempt, or the error limits, a lockout, its failed logins and each rate limit with its count. */
    private static void limits(TextTable table, JsonNode limits) {
        if (Json.isTrue(limits.get("exempt"))) {
            table.row("limits", "none: the client is spared (limit-exceptions)");
            return;
        }
        table.row("limits", "errors: " + Json.text(limits.get("errorLimits")));
        if (!Json.isAbsent(limits.get("lockout"))) {
            table.row("", "LOCKED OUT: " + Json.text(limits.get("lockout")));
        }
        if (!Json.isAbsent(limits.get("failedLogins"))) {
            table.row("", "failed logins: " + Json.text(limits.get("failedLogins")));
        }
        for (JsonNode item : Json.asList(limits.get("rateLimits"))) {
            JsonNode limit = Json.asObject(item);
            table.row("", Json.text(limit.get("name")) + " " + Json.text(limit.get("key")) + ": " + Json.text(limit.get("count")) + " of "
                + Json.text(limit.get("max"))
                + (Json.isAbsent(limit.get("windowSeconds")) ? " at once" : " in " + Json.text(limit.get("windowSeconds")) + " s"));
        }
    }

    /** {@code route:relay.test -> [127.0.0.1]:2526 tls=encrypt credentials=up1 balance=failover}, as the policy writes it. */
    private static String route(JsonNode route) {
        return Json.text(route.get("rule")) + " -> " + RouteOutput.hops(route) + " tls=" + Json.text(route.get("tls"))
            + (Json.isAbsent(route.get("credentials")) ? "" : " credentials=" + Json.text(route.get("credentials")))
            + " balance=" + Json.text(route.get("balance"));
    }

    private static String note(JsonNode explanation) {
        return Json.isAbsent(explanation.get("note")) ? "" : " (" + Json.text(explanation.get("note")) + ")";
    }

    private static String reply(JsonNode value) {
        if (Json.isAbsent(value)) {
            return "";
        }
        JsonNode reply = Json.asObject(value);
        return Json.text(reply.get("code")) + " " + Json.text(reply.get("enhancedStatus")) + " " + Json.text(reply.get("text"));
    }
}
