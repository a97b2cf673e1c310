package org.jamesrelay.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One reading of a relay's WebAdmin {@code /metrics}, in the Prometheus text format. */
final class MetricsText {
    private final String text;

    private MetricsText(String text) {
        this.text = text;
    }

    static MetricsText of(RelayServer server) throws Exception {
        return new MetricsText(server.webAdminAnswer("GET", "/metrics", "").body());
    }

    /** No samples at all when the server does not answer (yet), for conditions that are polled. */
    static MetricsText quietlyOf(RelayServer server) {
        try {
            return of(server);
        } catch (Exception e) {
            return new MetricsText("");
        }
    }

    /** The sample of that name; 0 when it is not there yet (a counter not yet incremented). */
    double value(String name) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(text);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    double increaseSince(MetricsText before, String name) {
        return value(name) - before.value(name);
    }
}
