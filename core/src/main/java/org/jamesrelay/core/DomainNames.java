package org.jamesrelay.core;

import java.util.Locale;

/**
 * The canonical form of domain names and domain literals, shared by addresses and policy entries so that both
 * compare alike.
 */
public final class DomainNames {
    private static final int MAX_LENGTH = 253;

    private DomainNames() {
    }

    /**
     * Lower case, checked label by label. A trailing dot is refused rather than dropped: James delivers to the
     * address as written, and {@code local.test.} would not be recognised as the local domain further down the pipeline.
     */
    public static String normalize(String rawDomain) throws AddressSyntaxException {
        String domain = rawDomain.toLowerCase(Locale.ROOT);
        check(domain, 0, rawDomain);
        return domain;
    }

    /** Checks, in place, the domain that {@code text} holds from {@code from} to its end, already in lower case. */
    static void checkLowerCase(String text, int from) throws AddressSyntaxException {
        check(text, from, text);
    }

    /**
     * {@link #checkLowerCase} for a text put in lower case letter for letter (ASCII): its messages name the domain as
     * written in {@code asWritten}, from the same {@code from}, as {@link #normalize} names it.
     */
    static void checkLowerCased(String text, int from, String asWritten) throws AddressSyntaxException {
        check(text, from, asWritten);
    }

    /** @param asWritten the text as written, whose domain starts at {@code from} too, for the messages */
    private static void check(String text, int from, String asWritten) throws AddressSyntaxException {
        if (text.endsWith(".")) {
            throw new AddressSyntaxException("trailing dot in domain '" + Printable.of(asWritten.substring(from)) + "'");
        }
        if (text.length() - from > MAX_LENGTH) {
            throw new AddressSyntaxException("domain longer than " + MAX_LENGTH + " characters");
        }
        int start = from;
        while (true) {
            int dot = text.indexOf('.', start);
            int end = dot < 0 ? text.length() : dot;
            checkLabel(text, start, end, from, asWritten);
            if (dot < 0) {
                return;
            }
            start = dot + 1;
        }
    }

    /** The label text[start, end), checked without copying it out. */
    private static void checkLabel(String text, int start, int end, int from, String asWritten) throws AddressSyntaxException {
        if (start == end) {
            throw new AddressSyntaxException("empty label in domain '" + Printable.of(asWritten.substring(from)) + "'");
        }
        if (text.charAt(start) == '-' || text.charAt(end - 1) == '-') {
            throw new AddressSyntaxException("label '" + Printable.of(text.substring(start, end)) + "' of domain '"
                + Printable.of(asWritten.substring(from)) + "' starts or ends with '-'");
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean allowed = c == '-' || c == '_' || (c < 0x80 ? Character.isLetterOrDigit(c) : Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK);
            if (!allowed) {
                throw new AddressSyntaxException("character '" + Printable.of(String.valueOf(c)) + "' not allowed in domain '"
                    + Printable.of(asWritten.substring(from)) + "'");
            }
        }
    }

    /**
     * A domain literal, {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}, in canonical form.
     */
    public static String literal(String rawDomain) throws AddressSyntaxException {
        if (!rawDomain.endsWith("]")) {
            throw new AddressSyntaxException("unterminated domain literal '" + Printable.of(rawDomain) + "'");
        }
        String inside = rawDomain.substring(1, rawDomain.length() - 1);
        boolean ipv6 = inside.regionMatches(true, 0, "IPv6:", 0, 5);
        String literal = ipv6 ? inside.substring(5) : inside;
        try {
            if (ipv6 != literal.contains(":")) {
                throw new IllegalArgumentException("wrong address family");
            }
            String address = IpAddresses.format(IpAddresses.parse(literal));
            return ipv6 ? "[ipv6:" + address + "]" : "[" + address + "]";
        } catch (IllegalArgumentException e) {
            throw new AddressSyntaxException("domain literal '" + Printable.of(rawDomain) + "' is not an IP address");
        }
    }
}
