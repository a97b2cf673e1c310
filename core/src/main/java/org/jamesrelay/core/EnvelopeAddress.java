package org.jamesrelay.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An address of the SMTP envelope (MAIL FROM or RCPT TO), read strictly and compared in one canonical form:
 * domain in lower case without brackets lost, local part compared case-insensitively.
 * <p>
 * Sender-specified routing is recognised rather than refused here, so that the policy can decide who may use it:
 * source routes ({@code @hop:user@dest}), the percent hack ({@code user%dest@hop}), bang paths ({@code dest!user@hop}),
 * a second {@code @} ({@code user@dest@hop}) and quoted local parts holding any of {@code @ % !}.
 */
public final class EnvelopeAddress {
    private static final String FORBIDDEN_IN_LOCAL_PART = "\"\\()<>,;:[] \t";

    private final String localPart;
    private final String domain;
    private final boolean domainLiteral;
    private final Optional<String> senderRouting;
    private String key;

    /**
     * Reads an address with or without its angle brackets. The null sender {@code <>} is not an address:
     * use {@link #isNullSender(String)} first.
     */
    public static EnvelopeAddress parse(String raw) throws AddressSyntaxException {
        String path = stripBrackets(raw.trim());
        if (path.isEmpty()) {
            throw new AddressSyntaxException("empty address");
        }
        Optional<String> routing = Optional.empty();
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                throw new AddressSyntaxException("empty local part");
            }
            routing = Optional.of("source route");
            path = path.substring(colon + 1);
        }
        return path.startsWith("\"") ? parseQuoted(path, routing) : parseUnquoted(path, routing);
    }

    public static boolean isNullSender(String raw) {
        return stripBrackets(raw.trim()).isEmpty();
    }

    private static String stripBrackets(String value) {
        if (value.startsWith("<") && value.endsWith(">")) {
            return value.substring(1, value.length() - 1).trim();
        }
        return value;
    }

    private static EnvelopeAddress parseQuoted(String path, Optional<String> routing) throws AddressSyntaxException {
        StringBuilder local = new StringBuilder();
        int position = 1;
        while (true) {
            if (position >= path.length()) {
                throw new AddressSyntaxException("unterminated quoted local part");
            }
            char c = path.charAt(position);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                position++;
                if (position >= path.length()) {
                    throw new AddressSyntaxException("unterminated quoted local part");
                }
                c = path.charAt(position);
            }
            if (c < 0x20 || c == 0x7f) {
                throw new AddressSyntaxException("control character in local part");
            }
            local.append(c);
            position++;
        }
        String rest = path.substring(position + 1);
        if (!rest.startsWith("@")) {
            throw new AddressSyntaxException(rest.isEmpty() ? "no domain (unqualified address)" : "'@' expected after quoted local part");
        }
        String content = local.toString();
        if (content.isEmpty()) {
            throw new AddressSyntaxException("empty local part");
        }
        Optional<String> quotedRouting = routing.or(() -> routingCharacter(content).map(c -> "quoted local part containing '" + c + "'"));
        return withDomain(content, rest.substring(1), quotedRouting);
    }

    private static EnvelopeAddress parseUnquoted(String path, Optional<String> routing) throws AddressSyntaxException {
        int at = path.lastIndexOf('@');
        if (at < 0) {
            throw new AddressSyntaxException("no domain (unqualified address)");
        }
        String local = path.substring(0, at);
        if (local.isEmpty()) {
            throw new AddressSyntaxException("empty local part");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c < 0x20 || c == 0x7f || FORBIDDEN_IN_LOCAL_PART.indexOf(c) >= 0) {
                throw new AddressSyntaxException("character '" + printable(c) + "' not allowed in an unquoted local part");
            }
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new AddressSyntaxException("misplaced '.' in local part");
        }
        Optional<String> unquotedRouting = routing.or(() -> unquotedRouting(local));
        return withDomain(local, path.substring(at + 1), unquotedRouting);
    }

    private static Optional<String> unquotedRouting(String local) {
        if (local.indexOf('@') >= 0) {
            return Optional.of("more than one '@'");
        }
        if (local.indexOf('%') >= 0) {
            return Optional.of("percent hack");
        }
        if (local.indexOf('!') >= 0) {
            return Optional.of("bang path");
        }
        return Optional.empty();
    }

    private static Optional<Character> routingCharacter(String local) {
        for (char c : new char[] {'@', '%', '!'}) {
            if (local.indexOf(c) >= 0) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static EnvelopeAddress withDomain(String local, String rawDomain, Optional<String> routing) throws AddressSyntaxException {
        if (rawDomain.isEmpty()) {
            throw new AddressSyntaxException("empty domain");
        }
        if (rawDomain.startsWith("[")) {
            return new EnvelopeAddress(local, DomainNames.literal(rawDomain), true, routing);
        }
        return new EnvelopeAddress(local, DomainNames.normalize(rawDomain), false, routing);
    }

    private static String printable(char c) {
        return Printable.of(String.valueOf(c));
    }

    private EnvelopeAddress(String localPart, String domain, boolean domainLiteral, Optional<String> senderRouting) {
        this.localPart = localPart;
        this.domain = domain;
        this.domainLiteral = domainLiteral;
        this.senderRouting = senderRouting;
    }

    public String localPart() {
        return localPart;
    }

    /** The domain in lower case; a domain literal keeps its brackets, e.g. {@code [192.0.2.1]}. */
    public String domain() {
        return domain;
    }

    public boolean isDomainLiteral() {
        return domainLiteral;
    }

    /** The kind of sender-specified routing this address uses, if any. */
    public Optional<String> senderRouting() {
        return senderRouting;
    }

    /** The form used for lookups: local part and domain in lower case. */
    public String key() {
        String k = key;
        if (k == null) {
            k = localPart.toLowerCase(Locale.ROOT) + "@" + domain;
            key = k;
        }
        return k;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof EnvelopeAddress) {
            EnvelopeAddress that = (EnvelopeAddress) o;
            return key().equals(that.key()) && senderRouting.equals(that.senderRouting);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key(), senderRouting);
    }

    @Override
    public String toString() {
        return key();
    }
}
