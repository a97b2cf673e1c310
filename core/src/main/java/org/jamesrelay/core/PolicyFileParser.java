package org.jamesrelay.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
    private static final String WIDE = "wide";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final List<String> KEYWORDS = List.of("relay-mode", "trusted-network", "authenticated-relay",
        "sender-login", "relay-domain", "relay-recipient", SERVED_SENDERS_ONLY, "local-senders-require-login", "header-from-must-be-owned",
        "route", "sender-route", "sender-routes-first", "attachment-filter", "header-filter", "antivirus", "rate-limit");

    /** Entries with a second value before their options: {@code route DESTINATION HOPS ...}. */
    private static final Set<String> TWO_VALUE_KEYWORDS = Set.of("route", "sender-route", "attachment-filter");

    private final String source;
    private final RelayPolicy.Builder builder = RelayPolicy.builder();
    private final Map<String, Integer> relayDomainLines = new LinkedHashMap<>();
    private final Map<String, Set<String>> relayRecipients = new LinkedHashMap<>();
    private final Set<String> settingsSeen = new HashSet<>();
    private final Map<String, Integer> routeLines = new HashMap<>();
    private final List<AttachmentRule> attachmentRules = new ArrayList<>();
    private final List<HeaderFilter> headerFilters = new ArrayList<>();
    private Optional<Antivirus> antivirus = Optional.empty();
    private final LimitEntries limits = new LimitEntries();
    private Optional<Line> lastLimitLine = Optional.empty();

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
        builder.filters(new FilterPolicy(attachmentRules, headerFilters, antivirus));
        try {
            limits.applyTo(builder);
        } catch (IllegalArgumentException e) {
            throw lastLimitLine.orElseThrow().error(e.getMessage());
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
                builder.trustedNetwork(trustedNetwork(line));
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
            case "attachment-filter":
                attachmentRules.add(attachmentRule(line));
                break;
            case "header-filter":
                HeaderFilter headerFilter = new HeaderFilter(scope(line.value()), line.list("remove"));
                line.noOptions();
                if (headerFilters.stream().anyMatch(other -> other.scope().equals(headerFilter.scope()))) {
                    throw new IllegalArgumentException("header-filter " + headerFilter.scope() + " is already set: list every header on one line");
                }
                headerFilters.add(headerFilter);
                break;
            case "rate-limit":
                builder.rateLimit(RateLimit.parse(line.value(), line.option("scope"), line.option("counts"), line.option("max")));
                line.noOptions();
                break;
            case "antivirus":
                setOnce(line);
                antivirus = Optional.of(antivirus(line));
                break;
            default:
                if (LimitEntries.KEYWORDS.contains(line.keyword)) {
                    setOnce(line);
                    limits.apply(line.keyword, line.value());
                    line.noOptions();
                    lastLimitLine = Optional.of(line);
                    break;
                }
                throw new IllegalArgumentException("unknown entry '" + line.keyword + "'; entries are " + String.join(", ", KEYWORDS)
                    + ", " + String.join(", ", LimitEntries.KEYWORDS));
        }
    }

    private static TrustedNetwork trustedNetwork(Line line) {
        Cidr cidr = Cidr.parse(line.value());
        TrustedNetwork network = new TrustedNetwork(cidr, line.patterns("senders"), line.flag(SERVED_SENDERS_ONLY));
        boolean wide = line.flag(WIDE);
        line.noOptions();
        if (network.isWide() && !wide) {
            throw new IllegalArgumentException(cidr.asString() + " is wider than /" + (cidr.isIpv4() ? TrustedNetwork.WIDEST_IPV4_PREFIX
                : TrustedNetwork.WIDEST_IPV6_PREFIX) + ": every client in it may relay; add the option " + WIDE + " if that is meant");
        }
        if (wide && !network.isWide()) {
            throw new IllegalArgumentException(WIDE + " is only for networks wider than /" + TrustedNetwork.WIDEST_IPV4_PREFIX
                + " (IPv4) or /" + TrustedNetwork.WIDEST_IPV6_PREFIX + " (IPv6)");
        }
        return network;
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

    private static AttachmentRule attachmentRule(Line line) {
        String scope = scope(line.value());
        FilterAction action = line.second()
            .map(value -> choice(value, FilterAction.values(), FilterAction::keyword, "action"))
            .orElseThrow(() -> new IllegalArgumentException("attachment-filter needs an action after " + line.value() + ": strip, quarantine or reject"));
        AttachmentRule rule = new AttachmentRule(scope, action, line.list("names"), line.list("types"), Set.copyOf(line.list("sniffed")),
            line.flag("encrypted-archives"), line.option("larger-than").map(PolicyFileParser::size).map(OptionalLong::of).orElse(OptionalLong.empty()),
            line.flag("unparseable"));
        line.noOptions();
        return rule;
    }

    private static Antivirus antivirus(Line line) {
        if (!line.value().startsWith("clamd=")) {
            throw new IllegalArgumentException("antivirus needs clamd=[HOST]:PORT");
        }
        NextHop clamd = NextHop.parse(line.value().substring("clamd=".length()));
        Duration timeout = line.option("timeout").map(PolicyFileParser::duration).orElse(Duration.ofSeconds(30));
        FilterAction onVirus = line.option("on-virus")
            .map(value -> choice(value, FilterAction.values(), FilterAction::keyword, "on-virus"))
            .orElse(FilterAction.REJECT);
        Antivirus.OnFailure onFailure = line.option("on-failure")
            .map(value -> choice(value, Antivirus.OnFailure.values(), Antivirus.OnFailure::keyword, "on-failure"))
            .orElse(Antivirus.OnFailure.TEMPFAIL);
        line.noOptions();
        return new Antivirus(clamd, timeout, onVirus, onFailure);
    }

    /** {@code *}, a domain, or {@code .domain} for its subdomains. */
    private static String scope(String value) {
        if (value.equals(FilterPolicy.DEFAULT_SCOPE)) {
            return value;
        }
        return value.startsWith(".") ? "." + domain(value.substring(1)) : domain(value);
    }

    /** {@code 10M}, {@code 512K}, {@code 1G} or bytes. */
    static long size(String value) {
        java.util.regex.Matcher matcher = Pattern.compile("([0-9]{1,12})([KMG]?)", Pattern.CASE_INSENSITIVE).matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("size '" + Printable.of(value) + "' is not a number of bytes, or of K, M or G");
        }
        long number = Long.parseLong(matcher.group(1));
        switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "K":
                return number * 1024;
            case "M":
                return number * 1024 * 1024;
            case "G":
                return number * 1024 * 1024 * 1024;
            default:
                return number;
        }
    }

    /** {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d} or milliseconds ({@code 500ms}). */
    static Duration duration(String value) {
        java.util.regex.Matcher matcher = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE).matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("duration '" + Printable.of(value) + "' is not like 500ms, 30s, 2m, 1h or 1d");
        }
        long number = Long.parseLong(matcher.group(1));
        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "ms":
                return Duration.ofMillis(number);
            case "s":
                return Duration.ofSeconds(number);
            case "m":
                return Duration.ofMinutes(number);
            case "h":
                return Duration.ofHours(number);
            default:
                return Duration.ofDays(number);
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
        String hops = line.second().orElseThrow(() -> new IllegalArgumentException(
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
        private final Optional<String> second;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Line(int number, String text) throws PolicyFileException {
            this.number = number;
            this.text = text;
            String[] words = WHITESPACE.split(text);
            this.keyword = words[0].toLowerCase(Locale.ROOT);
            this.value = words.length > 1 ? Optional.of(words[1]) : Optional.empty();
            int firstOption = TWO_VALUE_KEYWORDS.contains(keyword) ? 3 : 2;
            this.second = firstOption == 3 && words.length > 2 ? Optional.of(words[2]) : Optional.empty();
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

        /** The second value of a two-value entry: a route's hops, an attachment filter's action. */
        Optional<String> second() {
            return second;
        }

        Optional<String> option(String name) {
            Optional<String> value = Optional.ofNullable(options.remove(name));
            if (value.isPresent() && value.get().isEmpty()) {
                throw new IllegalArgumentException(name + "= needs a value");
            }
            return value;
        }

        /** The comma-separated values of an option, as written; empty when the option is absent. */
        List<String> list(String name) {
            return option(name)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).collect(Collectors.toList()))
                .orElse(List.of());
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
