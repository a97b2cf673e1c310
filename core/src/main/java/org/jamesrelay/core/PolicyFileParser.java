package org.jamesrelay.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
    static final List<String> KEYWORDS = List.of("relay-mode", "trusted-network", "authenticated-relay",
        "sender-login", "relay-domain", "relay-recipient", "served-senders-only", "local-senders-require-login", "header-from-must-be-owned",
        "route", "sender-route", "sender-routes-first", "attachment-filter", "header-filter", "antivirus", "rate-limit");

    private final PolicyAssembler policy = new PolicyAssembler();

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
        PolicyFileParser parser = new PolicyFileParser();
        PolicyLineReader lines = new PolicyLineReader(content);
        int number = 0;
        for (String text = lines.nextLine(); text != null; text = lines.nextLine()) {
            number++;
            String entry = PolicyLine.stripComment(text).trim();
            if (!entry.isEmpty()) {
                PolicyLine line = new PolicyLine(source, number, entry);
                try {
                    parser.apply(line);
                } catch (IllegalArgumentException e) {
                    throw line.error(e.getMessage());
                }
            }
        }
        return parser.policy.build();
    }

    private void apply(PolicyLine line) {
        RelayPolicy.Builder builder = policy.builder();
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
            case "relay-recipient":
                policy.relayRecipient(PolicyEntryReaders.relayRecipient(line));
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
