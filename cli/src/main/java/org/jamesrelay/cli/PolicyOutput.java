package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answers of the {@code /relay} routes as an operator reads them: tables with a header line, one entry a row.
 * Every method takes the parsed JSON answer and returns the text to print, ending with a line break.
 */
final class PolicyOutput {
    /** The units of a size, the largest first. */
    private static final List<Map.Entry<String, Long>> SIZE_UNITS = List.of(
        Map.entry("G", 1L << 30), Map.entry("M", 1L << 20), Map.entry("K", 1L << 10));

    private PolicyOutput() {
    }

    static String networks(Object answer) {
        Table table = new Table("NETWORK", "SENDERS", "SERVED SENDERS ONLY");
        for (Object item : Json.asList(answer)) {
            Map<String, Object> network = Json.asObject(item);
            table.row(Json.text(network.get("network")), patterns(network.get("senders"), "any"), Json.text(network.get("servedSendersOnly")));
        }
        return table.render("no trusted network: only logged-in clients may relay");
    }

    static String network(Object answer) {
        return networks(List.of(answer));
    }

    static String domains(Object answer) {
        Table table = new Table("DOMAIN", "RECIPIENTS");
        for (Object item : Json.asList(answer)) {
            Map<String, Object> domain = Json.asObject(item);
            table.row(Json.text(domain.get("domain")), domain.get("recipients") == null ? "any" : patterns(domain.get("recipients"), "any"));
        }
        return table.render("no relay domain");
    }

    static String domain(Object answer) {
        return domains(List.of(answer));
    }

    /** @param answer the recipients of a relay domain; null when it accepts any recipient */
    static String recipients(String domain, Object answer) {
        if (answer == null) {
            return "any recipient of " + domain + " is accepted (no recipient is listed)\n";
        }
        return Json.asList(answer).stream().map(Json::text).map(line -> line + "\n").collect(Collectors.joining());
    }

    static String senders(Object answer) {
        Table table = new Table("LOGIN", "OWNS (besides its own address and James aliases)", "SERVED SENDERS ONLY");
        for (Object item : Json.asList(answer)) {
            Map<String, Object> sender = Json.asObject(item);
            table.row(Json.text(sender.get("login")), patterns(sender.get("owns"), "-"), Json.text(sender.get("servedSendersOnly")));
        }
        return table.render("no sender login: each login may send as its own address and its James aliases");
    }

    static String sender(Object answer) {
        return senders(List.of(answer));
    }

    static String settings(Object answer) {
        Table table = new Table("SETTING", "VALUE");
        for (Map.Entry<String, Object> setting : Json.asObject(answer).entrySet()) {
            table.row(setting.getKey(), Json.text(setting.getValue()));
        }
        return table.render("no setting");
    }

    /** @param answer {@code {senderRoutesFirst, routes, senderRoutes}} */
    static String routes(Object answer) {
        Map<String, Object> table = Json.asObject(answer);
        List<Object> routes = Json.asList(table.get("routes"));
        StringBuilder text = new StringBuilder(routes.isEmpty() ? "" : routeTable("DESTINATION", "destination", routes, ""));
        if (routes.stream().noneMatch(route -> "default".equals(Json.asObject(route).get("kind")))) {
            text.append("no default route (*): mail that no route matches goes directly to the MX of its domain\n");
        }
        List<Object> senderRoutes = Json.asList(table.get("senderRoutes"));
        if (!senderRoutes.isEmpty()) {
            text.append('\n').append(routeTable("SENDER", "sender", senderRoutes, ""))
                .append("sender routes first: ").append(Json.text(table.get("senderRoutesFirst"))).append('\n');
        }
        return text.toString();
    }

    static String route(Object answer) {
        return routeTable("DESTINATION", "destination", List.of(answer), "");
    }

    static String senderRoutes(Object answer) {
        return routeTable("SENDER", "sender", Json.asList(answer), "no sender route");
    }

    static String senderRoute(Object answer) {
        return senderRoutes(List.of(answer));
    }

    private static String routeTable(String header, String field, List<Object> routes, String whenEmpty) {
        Table table = new Table(header, "HOPS", "TLS", "CREDENTIALS", "BALANCE");
        for (Object item : routes) {
            Map<String, Object> route = Json.asObject(item);
            table.row(Json.text(route.get(field)), hops(route), Json.text(route.get("tls")),
                route.get("credentials") == null ? "-" : Json.text(route.get("credentials")), Json.text(route.get("balance")));
        }
        return table.render(whenEmpty);
    }

    /** No hop: direct delivery. */
    private static String hops(Map<String, Object> route) {
        return patterns(route.get("hops"), "direct");
    }

    /** @param answer {@code {scopes, antivirus}} */
    static String filters(Object answer) {
        Map<String, Object> filters = Json.asObject(answer);
        List<Object> scopes = Json.asList(filters.get("scopes"));
        Object antivirus = filters.get("antivirus");
        return (scopes.isEmpty() ? "no attachment rule, no header filter\n" : filterTable(scopes))
            + "antivirus: " + (antivirus == null ? "none: mail is not scanned" : antivirusOptions(Json.asObject(antivirus))) + "\n";
    }

    static String filterScope(Object answer) {
        return filterTable(List.of(answer));
    }

    /** One row for each attachment rule and one for the header filter, as the policy writes them after the scope. */
    private static String filterTable(List<Object> scopes) {
        Table table = new Table("SCOPE", "FILTER", "ACTION", "MATCHING");
        for (Object item : scopes) {
            Map<String, Object> scope = Json.asObject(item);
            String name = Json.text(scope.get("scope"));
            for (Object rule : Json.asList(scope.get("attachmentRules"))) {
                table.row(name, "attachments", Json.text(Json.asObject(rule).get("action")), conditions(Json.asObject(rule)));
            }
            if (scope.get("headerFilter") != null) {
                table.row(name, "headers", "remove", patterns(Json.asObject(scope.get("headerFilter")).get("remove"), "-"));
            }
        }
        return table.render("");
    }

    /** {@code names=*.exe,*.js sniffed=executable encrypted-archives larger-than=10M}. */
    private static String conditions(Map<String, Object> rule) {
        List<String> conditions = new ArrayList<>();
        for (String list : List.of("names", "types", "sniffed")) {
            if (!Json.asList(rule.get(list)).isEmpty()) {
                conditions.add(list + "=" + patterns(rule.get(list), ""));
            }
        }
        if (Boolean.TRUE.equals(rule.get("encryptedArchives"))) {
            conditions.add("encrypted-archives");
        }
        if (rule.get("largerThan") != null) {
            conditions.add("larger-than=" + size(Long.parseLong(Json.text(rule.get("largerThan")))));
        }
        if (Boolean.TRUE.equals(rule.get("unparseable"))) {
            conditions.add("unparseable");
        }
        return String.join(" ", conditions);
    }

    static String antivirus(Object answer) {
        Map<String, Object> antivirus = Json.asObject(answer);
        Table table = new Table();
        table.row("clamd", Json.text(antivirus.get("clamd")));
        table.row("timeout", duration(antivirus));
        table.row("on-virus", Json.text(antivirus.get("onVirus")));
        table.row("on-failure", Json.text(antivirus.get("onFailure")));
        return table.render("");
    }

    /** {@code clamd=[127.0.0.1]:3310 timeout=30s on-virus=reject on-failure=tempfail}, as the policy writes them. */
    private static String antivirusOptions(Map<String, Object> antivirus) {
        return "clamd=" + Json.text(antivirus.get("clamd")) + " timeout=" + duration(antivirus) + " on-virus=" + Json.text(antivirus.get("onVirus"))
            + " on-failure=" + Json.text(antivirus.get("onFailure"));
    }

    /** {@code 10M} for 10485760 bytes, as the policy writes a size. */
    private static String size(long bytes) {
        return SIZE_UNITS.stream()
            .filter(unit -> bytes > 0 && bytes % unit.getValue() == 0)
            .findFirst()
            .map(unit -> bytes / unit.getValue() + unit.getKey())
            .orElse(Long.toString(bytes));
    }

    /** The antivirus timeout as the policy writes a duration: {@code 2m}, {@code 30s}, {@code 500ms}. */
    private static String duration(Map<String, Object> antivirus) {
        long millis = Long.parseLong(Json.text(antivirus.get("timeoutMillis")));
        if (millis > 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis > 0 && millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    static String explanation(Object answer) {
        Map<String, Object> explanation = Json.asObject(answer);
        Table table = new Table();
        table.row("verdict", Json.text(explanation.get("verdict")) + (Boolean.TRUE.equals(explanation.get("accepted")) ? " (accepted)" : " (refused)"));
        table.row("reply", reply(explanation.get("reply")));
        table.row("rule", Json.text(explanation.get("rule")));
        if (explanation.get("senderDecision") != null) {
            Map<String, Object> sender = Json.asObject(explanation.get("senderDecision"));
            table.row("sender", Json.text(sender.get("verdict")) + " by rule " + Json.text(sender.get("rule")) + ": " + reply(sender.get("reply")));
            if (sender.get("warning") != null) {
                table.row("", "warning: " + Json.text(sender.get("warning")));
            }
        }
        table.row("route", explanation.get("route") == null ? "none" + note(explanation) : route(Json.asObject(explanation.get("route"))));
        if (explanation.get("dkim") != null) {
            table.row("dkim", dkim(Json.asObject(explanation.get("dkim"))));
        }
        table.row("policy", "version " + Json.text(explanation.get("policyVersion")));
        if (explanation.get("limits") != null) {
            limits(table, Json.asObject(explanation.get("limits")));
        }
        if (explanation.get("warning") != null) {
            table.row("warning", Json.text(explanation.get("warning")));
        }
        return table.render("");
    }

    private static String dkim(Map<String, Object> dkim) {
        return Boolean.TRUE.equals(dkim.get("signed"))
            ? "signed d=" + Json.text(dkim.get("domain")) + " s=" + String.join(",", Json.asList(dkim.get("selectors")).stream().map(Json::text)
                .collect(Collectors.toList())) + " (on failure " + Json.text(dkim.get("onFailure")) + ")"
            : "unsigned (" + Json.text(dkim.get("note")) + ")";
    }

    /** The abuse limits of the client: exempt, or the error limits, a lockout, its failed logins and each rate limit with its count. */
    private static void limits(Table table, Map<String, Object> limits) {
        if (Boolean.TRUE.equals(limits.get("exempt"))) {
            table.row("limits", "none: the client is spared (limit-exceptions)");
            return;
        }
        table.row("limits", "errors: " + Json.text(limits.get("errorLimits")));
        if (limits.get("lockout") != null) {
            table.row("", "LOCKED OUT: " + Json.text(limits.get("lockout")));
        }
        if (limits.get("failedLogins") != null) {
            table.row("", "failed logins: " + Json.text(limits.get("failedLogins")));
        }
        for (Object item : Json.asList(limits.get("rateLimits"))) {
            Map<String, Object> limit = Json.asObject(item);
            table.row("", Json.text(limit.get("name")) + " " + Json.text(limit.get("key")) + ": " + Json.text(limit.get("count")) + " of "
                + Json.text(limit.get("max")) + (limit.get("windowSeconds") == null ? " at once" : " in " + Json.text(limit.get("windowSeconds")) + " s"));
        }
    }

    /** {@code route:relay.test -> [127.0.0.1]:2526 tls=encrypt credentials=up1 balance=failover}, as the policy writes it. */
    private static String route(Map<String, Object> route) {
        return Json.text(route.get("rule")) + " -> " + hops(route) + " tls=" + Json.text(route.get("tls"))
            + (route.get("credentials") == null ? "" : " credentials=" + Json.text(route.get("credentials")))
            + " balance=" + Json.text(route.get("balance"));
    }

    private static String note(Map<String, Object> explanation) {
        return explanation.get("note") == null ? "" : " (" + Json.text(explanation.get("note")) + ")";
    }

    private static String reply(Object value) {
        if (value == null) {
            return "";
        }
        Map<String, Object> reply = Json.asObject(value);
        return Json.text(reply.get("code")) + " " + Json.text(reply.get("enhancedStatus")) + " " + Json.text(reply.get("text"));
    }

    /** Newest first: when, who, what, and the lines removed (-) and added (+). */
    static String rateLimits(Object answer) {
        Table table = new Table("NAME", "SCOPE", "COUNTS", "MAX");
        for (Object item : Json.asList(answer)) {
            Map<String, Object> limit = Json.asObject(item);
            table.row(Json.text(limit.get("name")), Json.text(limit.get("scope")), Json.text(limit.get("counts")), Json.text(limit.get("max"))
                + (limit.get("windowSeconds") == null ? " at once" : " in " + Json.text(limit.get("windowSeconds")) + " s"));
        }
        return table.render("no rate limit");
    }

    static String lockouts(Object answer) {
        List<Object> lockouts = Json.asList(answer);
        if (lockouts.isEmpty()) {
            return "no lockout\n";
        }
        StringBuilder text = new StringBuilder();
        for (Object item : lockouts) {
            Map<String, Object> lockout = Json.asObject(item);
            text.append(Json.text(lockout.get("scope"))).append(' ').append(Json.text(lockout.get("key")))
                .append("  ").append(Json.text(lockout.get("failures"))).append(" failures in ").append(Json.text(lockout.get("windowSeconds")))
                .append(" s, until ").append(Json.text(lockout.get("until"))).append(" (").append(Json.text(lockout.get("secondsLeft")))
                .append(" s left)\n");
        }
        return text.toString();
    }

    static String audit(Object answer) {
        List<Object> entries = Json.asList(answer);
        if (entries.isEmpty()) {
            return "no change recorded\n";
        }
        StringBuilder text = new StringBuilder();
        for (Object item : entries) {
            Map<String, Object> entry = Json.asObject(item);
            text.append(Json.text(entry.get("at"))).append("  ").append(Json.text(entry.get("actor"))).append("  ")
                .append(Json.text(entry.get("action"))).append("  (version ").append(Json.text(entry.get("version"))).append(")\n");
            List<String> difference = difference(Json.text(entry.get("before")), Json.text(entry.get("after")));
            if (difference.isEmpty()) {
                text.append("    = no line changed\n");
            }
            for (String line : difference) {
                text.append("    ").append(line).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The lines only in {@code before}, with {@code -}, then those only in {@code after}, with {@code +}: for an entry,
     * the entry itself; for an import, what it changed.
     */
    static List<String> difference(String before, String after) {
        List<String> beforeLines = lines(before);
        List<String> afterLines = lines(after);
        List<String> shown = new ArrayList<>();
        for (String line : without(beforeLines, afterLines)) {
            shown.add("- " + line);
        }
        for (String line : without(afterLines, beforeLines)) {
            shown.add("+ " + line);
        }
        return shown;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The lines of {@code lines} that {@code others} does not have, counting repeated lines. */
    private static List<String> without(List<String> lines, List<String> others) {
        Map<String, Integer> available = new HashMap<>();
        others.forEach(line -> available.merge(line, 1, Integer::sum));
        List<String> remaining = new ArrayList<>();
        for (String line : lines) {
            if (available.getOrDefault(line, 0) > 0) {
                available.merge(line, -1, Integer::sum);
            } else {
                remaining.add(line);
            }
        }
        return remaining;
    }

    private static String patterns(Object value, String none) {
        List<Object> items = Json.asList(value);
        return items.isEmpty() ? none : items.stream().map(Json::text).collect(Collectors.joining(","));
    }

    /** Columns as wide as their widest cell, two spaces apart. */
    static final class Table {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        Table(String... header) {
            this.header = List.of(header);
        }

        void row(String... cells) {
            rows.add(List.of(cells));
        }

        String render(String whenEmpty) {
            if (rows.isEmpty()) {
                return whenEmpty + "\n";
            }
            List<List<String>> all = new ArrayList<>();
            if (!header.isEmpty()) {
                all.add(header);
            }
            all.addAll(rows);
            int columns = all.stream().mapToInt(List::size).max().orElse(0);
            int[] widths = new int[columns];
            for (List<String> row : all) {
                for (int i = 0; i < row.size() - 1; i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            StringBuilder text = new StringBuilder();
            for (List<String> row : all) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    line.append(i < row.size() - 1 ? String.format("%-" + Math.max(1, widths[i]) + "s  ", cell) : cell);
                }
                text.append(line.toString().stripTrailing()).append('\n');
            }
            return text.toString();
        }
    }
}
