package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the policy file: one entry a line, {@code keyword value [option ...]}, where an option is a flag
 * ({@code served-senders-only}) or {@code name=value[,value...]}; {@code #} starts a comment. The format and every
 * entry are documented in {@code docs/configuration.md}. The first error stops the reading: a policy is applied
 * whole or not at all.
 */
public final class PolicyFileParser {
    private static final String SERVED_SENDERS_ONLY = "served-senders-only";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final List<String> KEYWORDS = List.of("relay-mode", "trusted-network", "authenticated-relay",
        "sender-login", "relay-domain", "relay-recipient", SERVED_SENDERS_ONLY, "local-senders-require-login", "header-from-must-be-owned",
        "route", "sender-route", "sender-routes-first");

    private static final Set<String> ROUTE_KEYWORDS = Set.of("route", "sender-route");

    private final String source;
    private final RelayPolicy.Builder builder = RelayPolicy.builder();
    private final Map<String, Integer> relayDomainLines = new LinkedHashMap<>();
    private final Map<String, Set<String>> relayRecipients = new LinkedHashMap<>();
    private final Set<String> settingsSeen = new HashSet<>();
    private final Map<String, Integer> routeLines = new HashMap<>();

    /**
     * @param source the name used in error messages, usually the file name
     */
    public static RelayPolicy parse(String source, String content) throws PolicyFileException {
        return new PolicyFileParser(source).read(content);
    }

    private PolicyFileParser(String source) {
        this.source = source;
    }

    private RelayPolicy read(String content) throws PolicyFileException {
        String[] lines = content.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String entry = stripComment(lines[index]).trim();
            if (!entry.isEmpty()) {
                Line line = new Line(index + 1, entry);
                try {
                    apply(line);
                } catch (IllegalArgumentException e) {
                    throw line.error(e.getMessage());
                }
            }
        }
        for (Map.Entry<String, Integer> domain : relayDomainLines.entrySet()) {
            Optional<Set<String>> recipients = Optional.ofNullable(relayRecipients.get(domain.getKey()));
            builder.relayDomain(new RelayDomain(domain.getKey(), recipients));
        }
        return builder.build();
    }

    static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private void apply(Line line) throws PolicyFileException {
        switch (line.keyword) {
            case "relay-mode":
                setOnce(line);
                builder.relayMode(line.choice(RelayPolicy.RelayMode.values(), RelayPolicy.RelayMode::keyword));
                line.noOptions();
                break;
            case "trusted-network":
                builder.trustedNetwork(new TrustedNetwork(Cidr.parse(line.value()),
                    line.patterns("senders"), line.flag(SERVED_SENDERS_ONLY)));
                line.noOptions();
                break;
            case "authenticated-relay":
                setOnce(line);
                builder.authenticatedRelay(new AuthenticatedRelay(
                    line.choice(AuthenticatedRelay.Mode.values(), AuthenticatedRelay.Mode::keyword), line.flag(SERVED_SENDERS_ONLY)));
                line.noOptions();
                break;
            case "sender-login":
                SenderLogin login = new SenderLogin(login(line.value()), line.patterns("owns"), line.flag(SERVED_SENDERS_ONLY));
                line.noOptions();
                if (login.owns().isEmpty() && !login.servedSendersOnly()) {
                    throw new IllegalArgumentException("says nothing: give owns=ADDRESS|@DOMAIN,... or served-senders-only");
                }
                builder.senderLogin(login);
                break;
            case "relay-domain":
                String domain = domain(line.value());
                line.noOptions();
                if (relayDomainLines.putIfAbsent(domain, line.number) != null) {
                    throw new IllegalArgumentException("relay domain " + domain + " is already listed on line " + relayDomainLines.get(domain));
                }
                break;
            case "relay-recipient":
                addRelayRecipient(line);
                break;
            case SERVED_SENDERS_ONLY:
                setOnce(line);
                builder.servedSendersOnly(line.yesNo());
                line.noOptions();
                break;
            case "local-senders-require-login":
                setOnce(line);
                builder.localSendersRequireLogin(line.yesNo());
                line.noOptions();
                break;
            case "header-from-must-be-owned":
                setOnce(line);
                builder.headerFromMustBeOwned(line.yesNo());
                line.noOptions();
                break;
            case "route":
                addRoute(line, Route.forRecipients(line.value(), transport(line)));
                break;
            case "sender-route":
                addRoute(line, Route.forSenders(line.value(), transport(line)));
                break;
            case "sender-routes-first":
                setOnce(line);
                builder.senderRoutesFirst(line.yesNo());
                line.noOptions();
                break;
            default:
                throw new IllegalArgumentException("unknown entry '" + line.keyword + "'; entries are " + String.join(", ", KEYWORDS));
        }
    }

    private void setOnce(Line line) {
        if (!settingsSeen.add(line.keyword)) {
            throw new IllegalArgumentException(line.keyword + " is set more than once");
        }
    }

    private void addRelayRecipient(Line line) {
        EnvelopeAddress recipient = address(line.value());
        line.noOptions();
        if (!relayDomainLines.containsKey(recipient.domain())) {
            throw new IllegalArgumentException(recipient.domain() + " is not a relay domain: add 'relay-domain "
                + recipient.domain() + "' before its recipients");
        }
        if (!relayRecipients.computeIfAbsent(recipient.domain(), any -> new HashSet<>()).add(recipient.key())) {
            throw new IllegalArgumentException("relay recipient " + recipient.key() + " is already listed");
        }
    }

    private void addRoute(Line line, Route route) {
        Integer earlier = routeLines.putIfAbsent(route.ruleId(), line.number);
        if (earlier != null) {
            throw new IllegalArgumentException(route.ruleId() + " is already set on line " + earlier);
        }
        builder.route(route);
    }

    private static Transport transport(Line line) {
        String hops = line.hops().orElseThrow(() -> new IllegalArgumentException(
            line.keyword + " needs next hops after " + line.value() + ": " + Transport.DIRECT + " or [HOST]:PORT[,[HOST]:PORT...]"));
        List<NextHop> nextHops = new ArrayList<>();
        if (!hops.equalsIgnoreCase(Transport.DIRECT)) {
            for (String hop : hops.split(",")) {
                nextHops.add(NextHop.parse(hop));
            }
        }
        TlsPolicy tls = line.option("tls")
            .map(value -> choice(value, TlsPolicy.values(), TlsPolicy::keyword, "tls"))
            .orElse(TlsPolicy.MAY);
        Optional<String> credentials = line.option("credentials").map(PolicyFileParser::credentialsName);
        Transport.Balance balance = line.option("balance")
            .map(value -> choice(value, Transport.Balance.values(), Transport.Balance::keyword, "balance"))
            .orElse(Transport.Balance.FAILOVER);
        line.noOptions();
        return new Transport(nextHops, tls, credentials, balance);
    }

    private static String credentialsName(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("credentials name '" + Printable.of(name) + "' may only hold letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    private static <E extends Enum<E>> E choice(String value, E[] choices, java.util.function.Function<E, String> keywordOf, String option) {
        return Arrays.stream(choices)
            .filter(choice -> keywordOf.apply(choice).equalsIgnoreCase(value))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(option + "=" + Printable.of(value) + " is not one of "
                + Arrays.stream(choices).map(keywordOf).collect(Collectors.joining(", "))));
    }

    private static String login(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static String domain(String value) {
        try {
            return DomainNames.normalize(value);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static EnvelopeAddress address(String value) {
        try {
            EnvelopeAddress address = EnvelopeAddress.parse(value);
            if (address.senderRouting().isPresent()) {
                throw new IllegalArgumentException("'" + value + "' uses " + address.senderRouting().get());
            }
            return address;
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not an address: " + e.getMessage());
        }
    }

    private final class Line {
        private final int number;
        private final String text;
        private final String keyword;
        private final Optional<String> value;
        private final Optional<String> hops;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Line(int number, String text) throws PolicyFileException {
            this.number = number;
            this.text = text;
            String[] words = WHITESPACE.split(text);
            this.keyword = words[0].toLowerCase(Locale.ROOT);
            this.value = words.length > 1 ? Optional.of(words[1]) : Optional.empty();
            int firstOption = ROUTE_KEYWORDS.contains(keyword) ? 3 : 2;
            this.hops = firstOption == 3 && words.length > 2 ? Optional.of(words[2]) : Optional.empty();
            for (String word : Arrays.copyOfRange(words, Math.min(firstOption, words.length), words.length)) {
                int equals = word.indexOf('=');
                if (equals > 0) {
                    String name = word.substring(0, equals).toLowerCase(Locale.ROOT);
                    if (options.put(name, word.substring(equals + 1)) != null) {
                        throw error("option " + name + " is given twice");
                    }
                } else {
                    options.put(word.toLowerCase(Locale.ROOT), "");
                }
            }
        }

        String value() {
            return value.orElseThrow(() -> new IllegalArgumentException(keyword + " needs a value"));
        }

        <E extends Enum<E>> E choice(E[] choices, java.util.function.Function<E, String> keywordOf) {
            String value = value().toLowerCase(Locale.ROOT);
            return Arrays.stream(choices)
                .filter(choice -> keywordOf.apply(choice).equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + value() + "' is not one of "
                    + Arrays.stream(choices).map(keywordOf).collect(Collectors.joining(", "))));
        }

        /** The next hops of a route entry, the word after its destination. */
        Optional<String> hops() {
            return hops;
        }

        Optional<String> option(String name) {
            Optional<String> value = Optional.ofNullable(options.remove(name));
            if (value.isPresent() && value.get().isEmpty()) {
                throw new IllegalArgumentException(name + "= needs a value");
            }
            return value;
        }

        boolean yesNo() {
            switch (value().toLowerCase(Locale.ROOT)) {
                case "yes":
                    return true;
                case "no":
                    return false;
                default:
                    throw new IllegalArgumentException("'" + value() + "' is not one of yes, no");
            }
        }

        boolean flag(String name) {
            String value = options.remove(name);
            if (value != null && !value.isEmpty()) {
                throw new IllegalArgumentException(name + " takes no value");
            }
            return value != null;
        }

        List<AddressPattern> patterns(String name) {
            String value = options.remove(name);
            if (value == null) {
                return List.of();
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + "= needs at least one ADDRESS or @DOMAIN");
            }
            List<AddressPattern> patterns = new ArrayList<>();
            for (String item : value.split(",")) {
                patterns.add(AddressPattern.parse(item.trim()));
            }
            return patterns;
        }

        void noOptions() {
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("unknown option" + (options.size() > 1 ? "s " : " ")
                    + String.join(", ", options.keySet()) + " for " + keyword);
            }
        }

        PolicyFileException error(String problem) {
            return new PolicyFileException(source, number, text, problem);
        }
    }
}
