package org.jamesrelay.filter;

import java.util.List;
import java.util.stream.Collectors;

/** What replaces a stripped part: which attachment was removed and why, for the recipient to read. */
final class StripNote {
    private final String removed;

    private StripNote(String removed) {
        this.removed = removed;
    }

    /** @param findings findings of one unit: their attachments share a location's first label */
    static StripNote of(List<Finding> findings) {
        List<String> location = findings.get(0).attachment().orElseThrow().location();
        String reasons = findings.stream().map(StripNote::reason).distinct().collect(Collectors.joining("; "));
        return new StripNote("\"" + SafeText.displayable(location.get(0)) + "\" (" + reasons + ")");
    }

    private static String reason(Finding finding) {
        List<String> location = finding.attachment().orElseThrow().location();
        if (location.size() == 1) {
            return finding.reason();
        }
        return "contains " + SafeText.displayable(String.join(" > ", location.subList(1, location.size()))) + ": " + finding.reason();
    }

    /** {@code "invoice.zip" (contains payload.exe: sniffed executable)} */
    String removed() {
        return removed;
    }

    /** {@code James Relay removed the attachment "invoice.zip" (contains payload.exe: sniffed executable).} */
    String text() {
        return "James Relay removed the attachment " + removed + ".";
    }
}
