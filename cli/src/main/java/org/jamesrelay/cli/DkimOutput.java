package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answers of {@code /relay/dkim} as an operator reads them: keys with the record to publish, as a zone file line
 * (its value cut into strings of at most 255 characters, as DNS requires). Answers hold no private key.
 */
final class DkimOutput {
    private static final int TXT_STRING = 255;

    private DkimOutput() {
    }

    static String domains(Object answer) {
        List<Object> domains = Json.asList(answer);
        if (domains.isEmpty()) {
            return "no DKIM key: relayed mail leaves unsigned\n";
        }
        StringBuilder text = new StringBuilder(String.format("%-30s %-20s %-10s %s%n", "DOMAIN", "ACTIVE SELECTORS", "SUBDOMAINS", "ON FAILURE"));
        for (Object item : domains) {
            Map<String, Object> domain = Json.asObject(item);
            List<String> active = new ArrayList<>();
            for (Object key : Json.asList(domain.get("keys"))) {
                Map<String, Object> fields = Json.asObject(key);
                if (Boolean.TRUE.equals(fields.get("active"))) {
                    active.add(Json.text(fields.get("selector")));
                }
            }
            text.append(String.format("%-30s %-20s %-10s %s%n", Json.text(domain.get("domain")), active.isEmpty() ? "-" : String.join(",", active),
                Boolean.TRUE.equals(domain.get("subdomains")) ? "yes" : "no", Json.text(domain.get("onFailure"))));
        }
        return text.toString();
    }

    static String domain(Object answer) {
        Map<String, Object> domain = Json.asObject(answer);
        StringBuilder text = new StringBuilder();
        text.append("domain ").append(Json.text(domain.get("domain")))
            .append(" (subdomains ").append(Boolean.TRUE.equals(domain.get("subdomains")) ? "yes" : "no")
            .append(", on failure ").append(Json.text(domain.get("onFailure"))).append(")\n");
        for (Object key : Json.asList(domain.get("keys"))) {
            text.append(key(key));
        }
        return text.toString();
    }

    static String key(Object answer) {
        Map<String, Object> key = Json.asObject(answer);
        return "selector " + Json.text(key.get("selector")) + ": " + Json.text(key.get("algorithm")) + " " + Json.text(key.get("bits")) + " bits, "
            + (Boolean.TRUE.equals(key.get("active")) ? "active (signs)" : "standby") + ", " + Json.text(key.get("fingerprint")) + "\n"
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
