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
    private static final Optional<String> SOURCE_ROUTE = Optional.of("source route");
    private static final Optional<String> MORE_THAN_ONE_AT = Optional.of("more than one '@'");
    private static final Optional<String> PERCENT_HACK = Optional.of("percent hack");
    private static final Optional<String> BANG_PATH = Optional.of("bang path");

    /** Local part in lower case, '@', domain: the form used for lookups. */
    private final String key;
    /** Where the domain starts in the key. */
    private final int domainStart;
    private final boolean domainLiteral;
    private final Optional<String> senderRouting;
    /**
     * The local part as written, and the domain: cut out of the key on first use when the address came in canonical
     * form (a decision then copies nothing); set once, as String.hashCode is: a benign race.
     */
    private String localPart;
    private String domain;

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
            routing = SOURCE_ROUTE;
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

    /** Checked in place: an address in canonical form is not copied. */
    private static EnvelopeAddress parseUnquoted(String path, Optional<String> routing) throws AddressSyntaxException {
        int at = path.lastIndexOf('@');
        if (at < 0) {
            throw new AddressSyntaxException("no domain (unqualified address)");
        }
        if (at == 0) {
            throw new AddressSyntaxException("empty local part");
        }
        checkUnquotedLocalPart(path, at);
        Optional<String> unquotedRouting = routing.isPresent() ? routing : unquotedRouting(path, at);
        if (isCanonical(path, at)) {
            DomainNames.checkLowerCase(path, at + 1);
            return new EnvelopeAddress(path, at + 1, null, null, false, unquotedRouting);
        }
        return withDomain(path.substring(0, at), path.substring(at + 1), unquotedRouting);
    }

    /**
     * The lookup key of an address, as {@code parse(raw).key()}: the text itself, neither copied nor wrapped in an
     * address, when it is written in canonical form (lower-case ASCII, unquoted, no source route, no brackets), as
     * nearly every client writes it. A decision then allocates nothing for its addresses. The same text with
     * upper-case letters gets its lower case, the only string built.
     */
    static String keyOf(String raw) throws AddressSyntaxException {
        String path = raw.trim();
        if (!path.startsWith("<") && !path.startsWith("@") && !path.startsWith("\"")) {
            int at = path.lastIndexOf('@');
            if (at > 0 && isAsciiWithDomainName(path, at)) {
                checkUnquotedLocalPart(path, at);
                String key = isLowerCaseAscii(path) ? path : path.toLowerCase(Locale.ROOT);
                DomainNames.checkLowerCased(key, at + 1, path);
                return key;
            }
        }
        return parse(raw).key();
    }

    /**
     * The sender-specified routing of an address that {@link #keyOf} accepted, as {@code parse(raw).senderRouting()}:
     * found in the text, without building the address, when the address is unquoted and has no source route.
     *
     * @throws IllegalArgumentException if {@code raw} is not an address
     */
    static Optional<String> senderRoutingOf(String raw) {
        String path = raw.trim();
        if (!path.startsWith("<") && !path.startsWith("@") && !path.startsWith("\"")) {
            int at = path.lastIndexOf('@');
            if (at > 0) {
                return unquotedRouting(path, at);
            }
        }
        try {
            return parse(raw).senderRouting();
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("not an address: " + Printable.of(raw), e);
        }
    }

    private static void checkUnquotedLocalPart(String path, int at) throws AddressSyntaxException {
        for (int i = 0; i < at; i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || FORBIDDEN_IN_LOCAL_PART.indexOf(c) >= 0) {
                throw new AddressSyntaxException("character '" + printable(c) + "' not allowed in an unquoted local part");
            }
        }
        for (int i = 0; i < at; i++) {
            if (path.charAt(i) == '.' && (i == 0 || i == at - 1 || path.charAt(i + 1) == '.')) {
                throw new AddressSyntaxException("misplaced '.' in local part");
            }
        }
    }

    /** Lower-case ASCII with a domain name (not a literal) after the '@' at {@code at}: the text is its own key. */
    private static boolean isCanonical(String path, int at) {
        return at + 1 < path.length() && path.charAt(at + 1) != '[' && isLowerCaseAscii(path);
    }

    /**
     * ASCII with a domain name (not a literal) after the '@' at {@code at}: its key is its lower case, letter for
     * letter (non-ASCII letters may change length or map onto ASCII ones in lower case).
     */
    private static boolean isAsciiWithDomainName(String path, int at) {
        if (at + 1 >= path.length() || path.charAt(at + 1) == '[') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerCaseAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** The routing characters of the local part path[0, end), from the most to the least telling. */
    private static Optional<String> unquotedRouting(String path, int end) {
        if (path.indexOf('@') < end) {
            return MORE_THAN_ONE_AT;
        }
        if (contains(path, '%', end)) {
            return PERCENT_HACK;
        }
        if (contains(path, '!', end)) {
            return BANG_PATH;
        }
        return Optional.empty();
    }

    private static boolean contains(String text, char c, int end) {
        int index = text.indexOf(c);
        return index >= 0 && index < end;
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
        boolean literal = rawDomain.startsWith("[");
        String domain = literal ? DomainNames.literal(rawDomain) : DomainNames.normalize(rawDomain);
        String key = local.toLowerCase(Locale.ROOT) + "@" + domain;
        return new EnvelopeAddress(key, key.length() - domain.length(), local, domain, literal, routing);
    }

    private static String printable(char c) {
        return Printable.of(String.valueOf(c));
    }

    private EnvelopeAddress(String key, int domainStart, String localPart, String domain, boolean domainLiteral, Optional<String> senderRouting) {
        this.key = key;
        this.domainStart = domainStart;
        this.localPart = localPart;
        this.domain = domain;
        this.domainLiteral = domainLiteral;
        this.senderRouting = senderRouting;
    }

    public String localPart() {
        String local = localPart;
        if (local == null) {
            local = key.substring(0, domainStart - 1);
            localPart = local;
        }
        return local;
    }

    /** The domain in lower case; a domain literal keeps its brackets, e.g. {@code [192.0.2.1]}. */
    public String domain() {
        String d = domain;
        if (d == null) {
            d = key.substring(domainStart);
            domain = d;
        }
        return d;
    }

    /** Whether the domain is this one (in lower case), compared in place. */
    boolean hasDomain(String lowerCaseDomain) {
        return AddressKeys.hasDomain(key, lowerCaseDomain);
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
        return key;
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
