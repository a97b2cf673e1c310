package org.jamesrelay.filter;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jamesrelay.core.FilterAction;

/** What the attachment rules make of one mail: the findings, and the strictest action they ask for. */
public final class FilterVerdict {
    static final int MAX_SUMMARY = 300;

    private final List<Finding> findings;
    private final Optional<FilterAction> action;

    FilterVerdict(List<Finding> findings) {
        this.findings = List.copyOf(findings);
        this.action = this.findings.stream().map(Finding::action).reduce(FilterAction::strictest);
    }

    /** The strictest action of the findings; empty when no rule matched: deliver the mail unchanged. */
    public Optional<FilterAction> action() {
        return action;
    }

    public List<Finding> findings() {
        return findings;
    }

    /**
     * The findings on one line, for a log line, a header field or an SMTP reply: printable ASCII, at most
     * {@value #MAX_SUMMARY} characters, {@code "invoice.zip > payload.exe" sniffed executable; "a.js" name *.js}.
     */
    public String summary() {
        if (findings.isEmpty()) {
            return "no attachment rule matched";
        }
        List<String> entries = findings.stream().map(Finding::toString).distinct().collect(Collectors.toList());
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            String separator = i == 0 ? "" : "; ";
            String more = more(entries.size() - i - 1);
            if (summary.length() + separator.length() + entries.get(i).length() + more.length() > MAX_SUMMARY) {
                return i == 0
                    ? SafeText.shortened(entries.get(0), MAX_SUMMARY - more.length()) + more
                    : summary.append(more(entries.size() - i)).toString();
            }
            summary.append(separator).append(entries.get(i));
        }
        return summary.toString();
    }

    private static String more(int count) {
        return count == 0 ? "" : " (+" + count + " more)";
    }
}
