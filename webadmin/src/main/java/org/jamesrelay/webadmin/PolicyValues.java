package org.jamesrelay.webadmin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jamesrelay.core.AddressPattern;
import org.jamesrelay.core.AddressSyntaxException;
import org.jamesrelay.core.Cidr;
import org.jamesrelay.core.DomainNames;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.PolicyFileWriter;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.SenderLogin;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.core.Transport;
import org.jamesrelay.core.TrustedNetwork;

/**
 * The values of policy entries as they come in a request, read in their canonical form, and the entry lines written
 * from them. Every value must be one word of the policy file: a value with white space, a line break or a leading
 * {@code #} could otherwise smuggle a second entry or a comment into the policy.
 * Failures are {@link IllegalArgumentException}s whose message says what is wrong, for a 400 answer.
 */
final class PolicyValues {
    static final String TRUSTED_NETWORK = "trusted-network";
    static final String RELAY_DOMAIN = "relay-domain";
    static final String RELAY_RECIPIENT = "relay-recipient";
    static final String SENDER_LOGIN = "sender-login";
    static final String ROUTE = "route";
    static final String SENDER_ROUTE = "sender-route";

    private PolicyValues() {
    }

    static Cidr network(String value) {
        word("network", value);
        try {
            return Cidr.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid network '" + value + "': " + e.getMessage());
        }
    }

    static String domain(String value) {
        word("domain", value);
        try {
            return DomainNames.normalize(value);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("invalid domain '" + value + "': " + e.getMessage());
        }
    }

    /** An address as the policy lists it: no sender routing, no quoted local part. */
    static EnvelopeAddress address(String value) {
        word("address", value);
        if (value.startsWith("<") || value.startsWith("\"")) {
            throw new IllegalArgumentException("invalid address '" + value + "': write it as local@domain, without brackets or quotes");
        }
        EnvelopeAddress address;
        try {
            address = EnvelopeAddress.parse(value);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("invalid address '" + value + "': " + e.getMessage());
        }
        if (address.senderRouting().isPresent()) {
            throw new IllegalArgumentException("invalid address '" + value + "': it uses " + address.senderRouting().get());
        }
        if (address.isDomainLiteral()) {
            throw new IllegalArgumentException("invalid address '" + value + "': a domain literal cannot be listed");
        }
        return address;
    }

    /** A login as James knows it (with virtual hosting, {@code alice@local.test}), in lower case. */
    static String login(String value) {
        word("login", value);
        return value.toLowerCase(Locale.ROOT);
    }

    /** {@code ADDRESS} or {@code @DOMAIN} items of {@code senders=} and {@code owns=}. */
    static List<AddressPattern> patterns(String field, List<String> values) {
        return values.stream().map(value -> pattern(field, value)).distinct().collect(Collectors.toList());
    }

    private static AddressPattern pattern(String field, String value) {
        word(field + " item", value);
        if (value.contains(",")) {
            throw new IllegalArgumentException(field + ": '" + value + "' holds a comma: give one ADDRESS or @DOMAIN per item");
        }
        if (value.startsWith("<") || value.startsWith("\"")) {
            throw new IllegalArgumentException(field + ": '" + value + "' must be written local@domain or @domain, without brackets or quotes");
        }
        try {
            AddressPattern pattern = AddressPattern.parse(value);
            word(field + " item", pattern.asString());
            return pattern;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    /**
     * What a {@code route} is for ({@code user@domain}, {@code domain}, {@code .domain} or {@code *}), or what a
     * {@code sender-route} is from ({@code user@domain} or {@code @domain}), as {@link Route#key()} writes it.
     */
    static String routeKey(String keyword, String value) {
        String what = keyword.equals(ROUTE) ? "destination" : "sender";
        word(what, value);
        try {
            return route(keyword, value).key();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage());
        }
    }

    private static Route route(String keyword, String key) {
        return keyword.equals(ROUTE) ? Route.forRecipients(key, Transport.DIRECT_BY_MX) : Route.forSenders(key, Transport.DIRECT_BY_MX);
    }

    /**
     * {@code route|sender-route KEY HOPS tls=T [credentials=NAME] [balance=B]}, read by the policy parser, whose
     * problem is the message of a refusal, and written back in canonical form.
     *
     * @param hops {@code direct} alone, or {@code [HOST]:PORT} items
     */
    static String routeLine(String keyword, String key, List<String> hops, Optional<String> tls, Optional<String> credentials,
                            Optional<String> balance) {
        String line = keyword + " " + key + " " + hops(hops) + option("tls", tls) + option("credentials", credentials)
            + option("balance", balance);
        return checked(PolicyFileWriter.route(parsedRoute(line)));
    }

    private static String hops(List<String> hops) {
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("hops is missing: give [\"[HOST]:PORT\", ...] or [\"" + Transport.DIRECT + "\"]");
        }
        for (String hop : hops) {
            word("hop", hop);
            if (hop.contains(",")) {
                throw new IllegalArgumentException("hops: '" + hop + "' holds a comma: give one [HOST]:PORT per item");
            }
            if (hop.equalsIgnoreCase(Transport.DIRECT) && hops.size() > 1) {
                throw new IllegalArgumentException("hops: " + Transport.DIRECT + " is alone or not at all: direct delivery has no next hop");
            }
        }
        return String.join(",", hops);
    }

    /** {@code line} read alone by the policy parser; its problem, with the entry, is the message of a refusal. */
    static RelayPolicy parsedEntry(String line) {
        try {
            return PolicyFileParser.parse("entry", line);
        } catch (PolicyFileException e) {
            throw new IllegalArgumentException("'" + e.entry() + "': " + e.problem());
        }
    }

    static String option(String name, Optional<String> value) {
        value.ifPresent(text -> word(name, text));
        return value.map(text -> " " + name + "=" + text).orElse("");
    }

    private static Route parsedRoute(String line) {
        RouteTable table = parsedEntry(line).routes();
        return Stream.of(table.recipientRoutes().stream(), table.senderRoutes().stream(), table.defaultRoute().stream())
            .flatMap(routes -> routes)
            .findFirst()
            .orElseThrow();
    }

    static void word(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("the " + what + " '" + printable(value) + "' contains white space or a control character");
            }
        }
        if (value.startsWith("#")) {
            throw new IllegalArgumentException("the " + what + " '" + value + "' starts with '#', which starts a comment in the policy");
        }
    }

    private static String printable(String value) {
        StringBuilder shown = new StringBuilder();
        for (char c : value.toCharArray()) {
            shown.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return shown.toString();
    }

    static String networkLine(Cidr cidr, List<AddressPattern> senders, boolean servedSendersOnly) {
        return checked(PolicyFileWriter.trustedNetwork(new TrustedNetwork(cidr, senders, servedSendersOnly)));
    }

    static String domainLine(String domain) {
        return checked(PolicyFileWriter.relayDomain(domain));
    }

    static String recipientLine(EnvelopeAddress recipient) {
        return checked(PolicyFileWriter.relayRecipient(recipient.key()));
    }

    static String senderLine(String login, List<AddressPattern> owns, boolean servedSendersOnly) {
        return checked(PolicyFileWriter.senderLogin(new SenderLogin(login, owns, servedSendersOnly)));
    }

    /** A last guard: the line must read back as exactly one entry, itself. */
    static String checked(String line) {
        List<PolicyDocument.Entry> entries = PolicyDocument.of(line).entries(entry -> true);
        if (entries.size() != 1 || !entries.get(0).text().equals(line)) {
            throw new IllegalArgumentException("'" + printable(line) + "' is not a single policy entry");
        }
        return line;
    }

    // Tolerant readers for the entries already in the document: an entry that does not read is never a match.

    static Optional<Cidr> tryNetwork(String value) {
        try {
            return Optional.of(Cidr.parse(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> tryDomain(String value) {
        try {
            return Optional.of(DomainNames.normalize(value));
        } catch (AddressSyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> tryRouteKey(String keyword, String value) {
        try {
            return Optional.of(route(keyword, value).key());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<EnvelopeAddress> tryAddress(String value) {
        try {
            return Optional.of(EnvelopeAddress.parse(value));
        } catch (AddressSyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
