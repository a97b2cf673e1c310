package org.jamesrelay.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jamesrelay.core.PolicyUnits;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answers of {@code /relay/filters} and {@code /relay/antivirus}: attachment rules, header removals and the
 * antivirus, written as the policy writes them.
 */
final class FilterOutput {
    private FilterOutput() {
    }

    /** @param answer {@code {scopes, antivirus}} */
    static String filters(JsonNode answer) {
        JsonNode filters = Json.asObject(answer);
        List<JsonNode> scopes = Json.asList(filters.get("scopes"));
        JsonNode antivirus = filters.get("antivirus");
        return (scopes.isEmpty() ? "no attachment rule, no header filter\n" : filterTable(scopes))
            + "antivirus: " + (Json.isAbsent(antivirus) ? "none: mail is not scanned" : antivirusOptions(Json.asObject(antivirus))) + "\n";
    }

    static String filterScope(JsonNode answer) {
        return filterTable(List.of(answer));
    }

    /** One row for each attachment rule and one for the header filter, as the policy writes them after the scope. */
    private static String filterTable(List<JsonNode> scopes) {
        TextTable table = new TextTable("SCOPE", "FILTER", "ACTION", "MATCHING");
        for (JsonNode item : scopes) {
            JsonNode scope = Json.asObject(item);
            String name = Json.text(scope.get("scope"));
            for (JsonNode rule : Json.asList(scope.get("attachmentRules"))) {
                table.row(name, "attachments", Json.text(Json.asObject(rule).get("action")), conditions(Json.asObject(rule)));
            }
            if (!Json.isAbsent(scope.get("headerFilter"))) {
                table.row(name, "headers", "remove", PolicyOutput.patterns(Json.asObject(scope.get("headerFilter")).get("remove"), "-"));
            }
        }
        return table.render("");
    }

    /** {@code names=*.exe,*.js sniffed=executable encrypted-archives larger-than=10M}. */
    private static String conditions(JsonNode rule) {
        List<String> conditions = new ArrayList<>();
        for (String list : List.of("names", "types", "sniffed")) {
            if (!Json.asList(rule.get(list)).isEmpty()) {
                conditions.add(list + "=" + PolicyOutput.patterns(rule.get(list), ""));
            }
        }
        if (Json.isTrue(rule.get("encryptedArchives"))) {
            conditions.add("encrypted-archives");
        }
        if (!Json.isAbsent(rule.get("largerThan"))) {
            conditions.add("larger-than=" + PolicyUnits.formatSize(Long.parseLong(Json.text(rule.get("largerThan")))));
        }
        if (Json.isTrue(rule.get("unparseable"))) {
            conditions.add("unparseable");
        }
        return String.join(" ", conditions);
    }

    static String antivirus(JsonNode answer) {
        JsonNode antivirus = Json.asObject(answer);
        TextTable table = new TextTable();
        table.row("clamd", Json.text(antivirus.get("clamd")));
        table.row("timeout", duration(antivirus));
        table.row("on-virus", Json.text(antivirus.get("onVirus")));
        table.row("on-failure", Json.text(antivirus.get("onFailure")));
        return table.render("");
    }

    /** {@code clamd=[127.0.0.1]:3310 timeout=30s on-virus=reject on-failure=tempfail}, as the policy writes them. */
    private static String antivirusOptions(JsonNode antivirus) {
        return "clamd=" + Json.text(antivirus.get("clamd")) + " timeout=" + duration(antivirus) + " on-virus=" + Json.text(antivirus.get("onVirus"))
            + " on-failure=" + Json.text(antivirus.get("onFailure"));
    }

    /** The antivirus timeout as the policy writes a duration: {@code 2m}, {@code 30s}, {@code 500ms}. */
    private static String duration(JsonNode antivirus) {
        return PolicyUnits.formatDuration(Duration.ofMillis(Long.parseLong(Json.text(antivirus.get("timeoutMillis")))));
    }
}
