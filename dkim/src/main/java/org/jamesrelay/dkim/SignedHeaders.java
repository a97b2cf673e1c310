package org.jamesrelay.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The header fields a signature covers: those RFC 6376 section 5.4.1 recommends, plus the ones that say what the
 * body is (Message-ID, MIME-Version, Content-Type, Content-Transfer-Encoding), each as often as the mail has it.
 * From is listed once more than it occurs (oversigned), so that no From: can be added above the signed one.
 */
final class SignedHeaders {
    private static final List<String> NAMES = List.of("from", "reply-to", "subject", "date", "to", "cc",
        "resent-date", "resent-from", "resent-to", "resent-cc", "in-reply-to", "references", "message-id",
        "mime-version", "content-type", "content-transfer-encoding", "list-id", "list-help", "list-unsubscribe",
        "list-subscribe", "list-post", "list-owner", "list-archive");
    private static final String OVERSIGNED = "from";

    private SignedHeaders() {
    }

    /**
     * The value of the {@code h=} tag for a mail with these fields, in order: their names, or whole fields
     * ({@code Name: value}), as jdkim's {@code Headers#getFields()} gives either depending on the implementation.
     */
    static String of(List<String> fields) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String field : fields) {
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon);
            counts.merge(name.trim().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        List<String> names = new ArrayList<>();
        for (String name : NAMES) {
            int occurrences = counts.getOrDefault(name, 0) + (name.equals(OVERSIGNED) ? 1 : 0);
            for (int i = 0; i < occurrences; i++) {
                names.add(name);
            }
        }
        return String.join(":", names);
    }
}
