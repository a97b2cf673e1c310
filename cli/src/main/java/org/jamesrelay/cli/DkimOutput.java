package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answers of {@code /relay/dkim} as an operator reads them: keys with the record to publish, as a zone file line
 * (its value cut into strings of at most 255 characters, as DNS requires). Answers hold no private key.
 */
final class DkimOutput {
    private static final int TXT_STRING = 255;

    private DkimOutput() {
    }

    static String domains(JsonNode answer) {
        List<JsonNode> domains = Json.asList(answer);
        if (domains.isEmpty()) {
            return "no DKIM key: relayed mail leaves unsigned\n";
        }
        StringBuilder text = new StringBuilder(String.format("%-30s %-20s %-10s %s%n", "DOMAIN", "ACTIVE SELECTORS", "SUBDOMAINS", "ON FAILURE"));
        for (JsonNode item : domains) {
            JsonNode domain = Json.asObject(item);
            List<String> active = new ArrayList<>();
            for (JsonNode key : Json.asList(domain.get("keys"))) {
                JsonNode fields = Json.asObject(key);
                if (Json.isTrue(fields.get("active"))) {
                    active.add(Json.text(fields.get("selector")));
                }
            }
            text.append(String.format("%-30s %-20s %-10s %s%n", Json.text(domain.get("domain")), active.isEmpty() ? "-" : String.join(",", active),
                Json.isTrue(domain.get("subdomains")) ? "yes" : "no", Json.text(domain.get("onFailure"))));
        }
        return text.toString();
    }

    static String domain(JsonNode answer) {
        JsonNode domain = Json.asObject(answer);
        StringBuilder text = new StringBuilder();
        text.append("domain ").append(Json.text(domain.get("domain")))
            .append(" (subdomains ").append(Json.isTrue(domain.get("subdomains")) ? "yes" : "no")
            .append(", on failure ").append(Json.text(domain.get("onFailure"))).append(")\n");
        for (JsonNode key : Json.asList(domain.get("keys"))) {
            text.append(key(key));
        }
        return text.toString();
    }

    static String key(JsonNode answer) {
        JsonNode key = Json.asObject(answer);
        return "selector " + Json.text(key.get("selector")) + ": " + Json.text(key.get("algorithm")) + " " + Json.text(key.get("bits")) + " bits, "
            + (Json.isTrue(key.get("active")) ? "active (signs)" : "standby") + ", " + Json.text(key.get("fingerprint")) + "\n"
            + "  publish: " + zoneLine(Json.text(key.get("dnsName")), Json.text(key.get("dnsRecord"))) + "\n";
    }

    static String zoneLine(String name, String record) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < record.length(); start += TXT_STRING) {
            strings.add("\"" + record.substring(start, Math.min(record.length(), start + TXT_STRING)) + "\"");
        }
        return name + ". IN TXT " + String.join(" ", strings);
    }
}
