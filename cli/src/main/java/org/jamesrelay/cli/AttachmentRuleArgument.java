package org.jamesrelay.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code --rule} of {@code filters set-attachments}: an attachment rule as the policy writes it after its scope
 * ({@code strip names=*.exe,*.js sniffed=executable}), read into the JSON object that WebAdmin takes. Only the words
 * are read here; their values are the server's to check.
 */
final class AttachmentRuleArgument {
    /** The conditions as the policy names them, and their JSON fields. */
    private static final Map<String, String> FIELDS = Map.of("names", "names", "types", "types", "sniffed", "sniffed",
        "encrypted-archives", "encryptedArchives", "larger-than", "largerThan", "unparseable", "unparseable");
    private static final Set<String> LISTS = Set.of("names", "types", "sniffed");
    private static final Set<String> FLAGS = Set.of("encrypted-archives", "unparseable");
    private static final String CONDITIONS = "names=GLOB,... types=TYPE,... sniffed=KIND,... encrypted-archives larger-than=SIZE unparseable";

    private AttachmentRuleArgument() {
    }

    static Map<String, Object> read(String text) throws UsageException {
        String[] words = text.trim().split("\\s+");
        if (words[0].isEmpty() || words[0].contains("=")) {
            throw new UsageException("--rule: expected 'ACTION CONDITION...' with ACTION strip, quarantine or reject, got '" + text + "'");
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("action", words[0]);
        for (int i = 1; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            String name = (equals < 0 ? words[i] : words[i].substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : words[i].substring(equals + 1);
            String field = FIELDS.get(name);
            if (field == null) {
                throw new UsageException("--rule '" + text + "': unknown condition '" + words[i] + "'; the conditions are " + CONDITIONS);
            }
            if (rule.containsKey(field)) {
                throw new UsageException("--rule '" + text + "': " + name + " is given twice");
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException("--rule '" + text + "': " + name + " takes no value");
                }
                rule.put(field, Boolean.TRUE);
            } else {
                if (value == null || value.replace(",", "").isBlank()) {
                    throw new UsageException("--rule '" + text + "': " + name + "= needs a value");
                }
                rule.put(field, LISTS.contains(name) ? CommandArguments.items(value) : value);
            }
        }
        return rule;
    }
}
