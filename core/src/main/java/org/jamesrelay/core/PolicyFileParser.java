package org.jamesrelay.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the policy file: one entry a line, {@code keyword value [option ...]}, where an option is a flag
 * ({@code served-senders-only}) or {@code name=value[,value...]}; {@code #} starts a comment. The format and every
 * entry are documented in {@code docs/configuration.md}; {@link PolicyFileWriter} writes it. The first error stops the
 * reading: a policy is applied whole or not at all.
 * <p>
 * Each line is split by {@link PolicyLine}, read by {@link PolicyEntryReaders} and gathered by {@link PolicyAssembler},
 * which checks what spans lines.
 */
public final class PolicyFileParser {
    static final String RELAY_RECIPIENT = "relay-recipient";
    static final List<String> KEYWORDS = List.of("relay-mode", "trusted-network", "authenticated-relay",
        "sender-login", "relay-domain", "relay-recipient", "served-senders-only", "local-senders-require-login", "header-from-must-be-owned",
        "route", "sender-route", "sender-routes-first", "attachment-filter", "header-filter", "antivirus", "rate-limit");

    private final PolicyAssembler policy = new PolicyAssembler();
    /** The entries other than relay recipients, as read: what a {@link PolicySnapshot} parses again on a change. */
    private final List<PolicySnapshot.NumberedLine> otherEntries = new ArrayList<>();

    private PolicyFileParser() {
    }

    /**
     * @param source the name used in error messages, usually the file name
     */
    public static RelayPolicy parse(String source, String content) throws PolicyFileException {
        try {
            return parse(source, new StringReader(content));
        } catch (IOException e) {
            throw new UncheckedIOException("a string cannot fail to be read", e);
        }
    }

    /**
     * Reads the policy line by line as it comes, so that the text of a large policy (millions of relay recipients)
     * need not be held whole beside the snapshot it becomes.
     *
     * @param source the name used in error messages, usually the file name
     */
    public static RelayPolicy parse(String source, Reader content) throws PolicyFileException, IOException {
        return snapshot(source, content).policy();
    }

    /** As {@link #parse(String, Reader)}, keeping what a change needs to be applied without parsing all again. */
    static PolicySnapshot snapshot(String source, Reader content) throws PolicyFileException, IOException {
        PolicyFileParser parser = new PolicyFileParser();
        PolicyLineReader lines = new PolicyLineReader(content);
        int number = 0;
        boolean lastEmpty = false;
        for (String text = lines.nextLine(); text != null; text = lines.nextLine()) {
            number++;
            lastEmpty = text.isEmpty();
            parser.read(source, number, text);
        }
        int lineCount = lastEmpty ? number - 1 : number;
        RelayPolicy policy = parser.policy.build();
        return new PolicySnapshot(source, policy, lineCount, parser.otherEntries, parser.policy.recipientLines(), parser.policy.relayDomainLines());
    }

    /**
     * Reads entries that hold no relay recipient, for {@link PolicySnapshot}: the assembler, to check the relay
     * domains' lines and to build the policy with the recipients kept.
     */
    static PolicyAssembler readOtherEntries(String source, List<PolicySnapshot.NumberedLine> entries) throws PolicyFileException {
        PolicyFileParser parser = new PolicyFileParser();
        for (PolicySnapshot.NumberedLine entry : entries) {
            parser.read(source, entry.number(), entry.text());
        }
        return parser.policy;
    }

    private void read(String source, int number, String text) throws PolicyFileException {
        String entry = PolicyLine.stripComment(text).trim();
        if (!entry.isEmpty()) {
            PolicyLine line = new PolicyLine(source, number, entry);
            try {
                apply(line, text);
            } catch (IllegalArgumentException e) {
                throw line.error(e.getMessage());
            }
            if (!line.keyword().equals(RELAY_RECIPIENT)) {
                otherEntries.add(new PolicySnapshot.NumberedLine(number, text));
            }
        }
    }

    /** Whether a line of the policy text is a relay recipient's entry, as {@link #read} tells them. */
    static boolean isRelayRecipient(String text) {
        String entry = PolicyLine.stripComment(text).trim();
        return !entry.isEmpty() && PolicyLine.keywordOf(entry).equals(RELAY_RECIPIENT);
    }

    /** @param text the whole line, as written */
    /**
     * Whether a relay recipient's line reads exactly as {@link PolicyFileWriter#relayRecipient} writes it; compared in
     * place, as it is asked of each of millions of lines.
     */
    static boolean isWrittenAsKey(String text, EnvelopeAddress recipient) {
        String key = recipient.key();
        int keyStart = RELAY_RECIPIENT.length() + 1;
        return text.length() == keyStart + key.length() && text.startsWith(RELAY_RECIPIENT) && text.charAt(keyStart - 1) == ' '
            && text.startsWith(key, keyStart);
    }

    private void apply(PolicyLine line, String text) {
        RelayPolicyBuilder builder = policy.builder();
        switch (line.keyword()) {
            case "relay-mode":
                policy.setOnce(line);
                builder.relayMode(line.choice(RelayPolicy.RelayMode.values(), RelayPolicy.RelayMode::keyword));
                line.noOptions();
                break;
            case "trusted-network":
                builder.trustedNetwork(PolicyEntryReaders.trustedNetwork(line));
                break;
            case "authenticated-relay":
                policy.setOnce(line);
                builder.authenticatedRelay(PolicyEntryReaders.authenticatedRelay(line));
                break;
            case "sender-login":
                builder.senderLogin(PolicyEntryReaders.senderLogin(line));
                break;
            case "relay-domain":
                policy.relayDomain(line, PolicyEntryReaders.relayDomain(line));
                break;
            case RELAY_RECIPIENT:
                EnvelopeAddress recipient = PolicyEntryReaders.relayRecipient(line);
                policy.relayRecipient(recipient, RecipientLines.encoded(line.number(), isWrittenAsKey(text, recipient)));
                break;
            case "served-senders-only":
                policy.setOnce(line);
                builder.servedSendersOnly(PolicyEntryReaders.yesNo(line));
                break;
            case "local-senders-require-login":
                policy.setOnce(line);
                builder.localSendersRequireLogin(PolicyEntryReaders.yesNo(line));
                break;
            case "header-from-must-be-owned":
                policy.setOnce(line);
                builder.headerFromMustBeOwned(PolicyEntryReaders.yesNo(line));
                break;
            case "route":
            case "sender-route":
                policy.route(line, PolicyEntryReaders.route(line));
                break;
            case "sender-routes-first":
                policy.setOnce(line);
                builder.senderRoutesFirst(PolicyEntryReaders.yesNo(line));
                break;
            case "attachment-filter":
                policy.attachmentRule(PolicyEntryReaders.attachmentRule(line));
                break;
            case "header-filter":
                policy.headerFilter(PolicyEntryReaders.headerFilter(line));
                break;
            case "rate-limit":
                builder.rateLimit(PolicyEntryReaders.rateLimit(line));
                break;
            case "antivirus":
                policy.setOnce(line);
                policy.antivirus(PolicyEntryReaders.antivirus(line));
                break;
            default:
                if (!LimitEntries.KEYWORDS.contains(line.keyword())) {
                    throw new IllegalArgumentException("unknown entry '" + line.keyword() + "'; entries are " + String.join(", ", KEYWORDS)
                        + ", " + String.join(", ", LimitEntries.KEYWORDS));
                }
                policy.limit(line);
        }
    }
}
