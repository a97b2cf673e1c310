package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.PolicyValues.checked;
import static org.jamesrelay.webadmin.PolicyValues.option;
import static org.jamesrelay.webadmin.PolicyValues.parsedEntry;
import static org.jamesrelay.webadmin.PolicyValues.word;

import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.AddressSyntaxException;
import org.jamesrelay.core.Antivirus;
import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.DomainNames;
import org.jamesrelay.core.FilterPolicy;
import org.jamesrelay.core.HeaderFilter;
import org.jamesrelay.core.PolicyFileWriter;

/**
 * The front-end filter entries ({@code attachment-filter}, {@code header-filter}, {@code antivirus}) written from the
 * values of a request, as {@link PolicyValues} writes the other entries: each line is read by the policy parser, whose
 * problem is the message of a refusal, and written back in canonical form.
 */
final class FilterValues {
    static final String ATTACHMENT_FILTER = "attachment-filter";
    static final String HEADER_FILTER = "header-filter";
    static final String ANTIVIRUS = "antivirus";

    private FilterValues() {
    }

    /** {@code *}, every recipient domain without filter entries of its own; a recipient domain; {@code .domain}. */
    static String scope(String value) {
        word("scope", value);
        if (value.equals(FilterPolicy.DEFAULT_SCOPE)) {
            return value;
        }
        boolean subdomains = value.startsWith(".");
        try {
            String domain = DomainNames.normalize(subdomains ? value.substring(1) : value);
            return subdomains ? "." + domain : domain;
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("invalid scope '" + value + "': " + e.getMessage() + " (a scope is *, a domain or .domain)");
        }
    }

    /** For the entries already in the document: an entry that does not read is never a match. */
    static Optional<String> tryScope(String value) {
        try {
            return Optional.of(scope(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code attachment-filter SCOPE ACTION CONDITION...}, in canonical form: names and types in lower case, each
     * once; sniffed kinds sorted; the size in the largest unit that writes it exactly.
     *
     * @param largerThan bytes, or a size as the policy writes it ({@code 10M})
     */
    static String attachmentRuleLine(String scope, String action, List<String> names, List<String> types, List<String> sniffed,
                                     boolean encryptedArchives, Optional<String> largerThan, boolean unparseable) {
        word("action", action);
        AttachmentRule rule = parsedEntry(ATTACHMENT_FILTER + " " + scope + " " + action + items("names", names) + items("types", types)
            + items("sniffed", sniffed) + (encryptedArchives ? " encrypted-archives" : "") + option("larger-than", largerThan)
            + (unparseable ? " unparseable" : ""))
            .filters().attachmentRules(scope).get(0);
        return checked(PolicyFileWriter.attachmentRule(rule));
    }

    /** {@code header-filter SCOPE remove=NAME|PREFIX*,...}, in lower case, each once. */
    static String headerFilterLine(String scope, List<String> removed) {
        HeaderFilter filter = parsedEntry(HEADER_FILTER + " " + scope + items("remove", removed)).filters().headerFilter(scope).orElseThrow();
        return checked(PolicyFileWriter.headerFilter(filter));
    }

    /** {@code antivirus clamd=[HOST]:PORT timeout=T on-virus=A on-failure=F}, every option written, the defaults too. */
    static String antivirusLine(String clamd, Optional<String> timeout, Optional<String> onVirus, Optional<String> onFailure) {
        word("clamd", clamd);
        Antivirus antivirus = parsedEntry(ANTIVIRUS + " clamd=" + clamd + option("timeout", timeout) + option("on-virus", onVirus)
            + option("on-failure", onFailure))
            .filters().antivirus().orElseThrow();
        return checked(PolicyFileWriter.antivirus(antivirus));
    }

    /** The values of a list option as sent: each one a word without a comma, which would split it in two. */
    private static String items(String option, List<String> values) {
        for (String value : values) {
            word(option + " item", value);
            if (value.contains(",")) {
                throw new IllegalArgumentException(option + ": '" + value + "' holds a comma: give one value per item");
            }
        }
        return joined(" " + option + "=", values);
    }

    private static String joined(String prefix, List<String> values) {
        return values.isEmpty() ? "" : prefix + String.join(",", values);
    }
}
