package org.jamesrelay.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed policy with what it takes to apply a change of its text ({@link TextDiff}) without parsing it all again:
 * the entries other than relay recipients as written, with their lines (a few hundred lines, parsed again on each
 * change), and the line of each relay recipient ({@link RecipientLines}, beside the policy's packed tables), so that
 * an edit can remove a recipient without reading the text, and a change can check that the domain is still listed
 * before its recipients. A change rebuilds the tables (and lines) of the domains whose recipients it changes, by a
 * merge, renumbers those whose lines it moves apart, and only moves the first line of the others.
 * <p>
 * Applying a change gives the policy that parsing the changed text gives, or nothing when that cannot be told from
 * the change alone: whenever the changed text might be invalid (so that the whole parse reports the error, on its
 * line), or the change does not fit this text. Immutable.
 */
public final class PolicySnapshot {
    /** One line of the policy text and its number (from 1). */
    static final class NumberedLine {
        private final int number;
        private final String text;

        NumberedLine(int number, String text) {
            this.number = number;
            this.text = text;
        }

        int number() {
            return number;
        }

        String text() {
            return text;
        }
    }

    private final String source;
    private final RelayPolicy policy;
    private final int lineCount;
    private final List<NumberedLine> otherEntries;
    /** The lines of the recipients of each relay domain that has some, in the order of its table. */
    private final Map<String, RecipientLines> recipientLines;
    private final Map<String, Integer> relayDomainLines;

    PolicySnapshot(String source, RelayPolicy policy, int lineCount, List<NumberedLine> otherEntries, Map<String, RecipientLines> recipientLines,
                   Map<String, Integer> relayDomainLines) {
        this.source = Objects.requireNonNull(source);
        this.policy = Objects.requireNonNull(policy);
        this.lineCount = lineCount;
        this.otherEntries = List.copyOf(otherEntries);
        this.recipientLines = Map.copyOf(recipientLines);
        this.relayDomainLines = Map.copyOf(relayDomainLines);
    }

    /** Parses a whole policy text, read line by line: as {@link PolicyFileParser#parse(String, Reader)}. */
    public static PolicySnapshot parse(String source, Reader content) throws PolicyFileException, IOException {
        return PolicyFileParser.snapshot(source, content);
    }

    /** The policy of an empty text: what there is before the first policy is stored. */
    public static PolicySnapshot empty(String source) {
        return new PolicySnapshot(source, RelayPolicy.empty(), 0, List.of(), Map.of(), Map.of());
    }

    public static PolicySnapshot parse(String source, String content) throws PolicyFileException {
        try {
            return parse(source, new StringReader(content));
        } catch (IOException e) {
            throw new UncheckedIOException("a string cannot fail to be read", e);
        }
    }

    public RelayPolicy policy() {
        return policy;
    }

    /** Whether the policy has at least one entry: a valid policy without entries other than recipients has none. */
    public boolean hasEntry() {
        return !otherEntries.isEmpty();
    }

    /** The name used in error messages. */
    public String source() {
        return source;
    }

    /** The number (from 1) of the line of the text that lists {@code domain} as a relay domain. */
    public Optional<Integer> relayDomainLine(String domain) {
        return Optional.ofNullable(relayDomainLines.get(domain));
    }

    /**
     * The number (from 1) of the line that lists {@code recipient} when that line reads exactly as
     * {@link PolicyFileWriter#relayRecipient} writes it, so that its text is known: empty when the recipient is not
     * listed, or is written otherwise (another case, a comment, more spaces): read the text to find its line then.
     */
    public Optional<Integer> relayRecipientLine(EnvelopeAddress recipient) {
        RecipientLines lines = recipientLines.get(recipient.domain());
        int index = indexOf(recipient);
        return index >= 0 && lines.writtenAsKey(index) ? Optional.of(lines.line(index)) : Optional.empty();
    }

    /** Whether line {@code number}, which reads {@code text}, is the one that lists {@code recipient}. */
    boolean listsAt(EnvelopeAddress recipient, int number, String text) {
        RecipientLines lines = recipientLines.get(recipient.domain());
        int index = indexOf(recipient);
        return index >= 0 && lines.line(index) == number && lines.writtenAsKey(index) == PolicyFileParser.isWrittenAsKey(text, recipient);
    }

    private int indexOf(EnvelopeAddress recipient) {
        return policy.relayDomain(recipient.domain()).flatMap(RelayDomain::recipientTable).map(table -> table.indexOf(recipient.key())).orElse(-1);
    }

    /** How many lines the text of this policy has, as {@link TextDiff#lines} counts them. */
    public int lineCount() {
        return lineCount;
    }

    /**
     * The policy of the text that {@code change} makes of this one, parsing only the entries other than relay
     * recipients; empty when the changed text may be invalid or the change does not fit this text: parse the whole
     * changed text then.
     */
    public Optional<PolicySnapshot> apply(TextDiff change) {
        Optional<ChangedLines> lines = ChangedLines.of(this, change);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            PolicyAssembler others = PolicyFileParser.readOtherEntries(source, lines.get().otherEntries());
            Map<String, RecipientTable> tables = new HashMap<>();
            for (Map.Entry<String, RelayDomain> domain : policy.relayDomains().entrySet()) {
                domain.getValue().recipientTable().ifPresent(table -> tables.put(domain.getKey(), table));
            }
            Map<String, RecipientLines> movedLines = new HashMap<>(recipientLines);
            if (!lines.get().applyTo(tables, movedLines)) {
                return Optional.empty();
            }
            for (String domain : tables.keySet()) {
                Optional<Integer> domainLine = others.relayDomainLine(domain);
                if (domainLine.isEmpty() || domainLine.get() >= movedLines.get(domain).first()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new PolicySnapshot(source, others.build(tables), lines.get().lineCount(), lines.get().otherEntries(), movedLines,
                others.relayDomainLines()));
        } catch (PolicyFileException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Map<String, RecipientLines> recipientLines() {
        return recipientLines;
    }

    List<NumberedLine> otherEntries() {
        return otherEntries;
    }
}
