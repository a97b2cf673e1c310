package org.jamesrelay.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Valid policies drawn at random from a seed, every entry and option of the policy file present in some of them
 * (each optional part is drawn half of the time), so that a writer that loses one fails a round trip.
 */
final class RandomPolicies {
    private static final List<String> LABELS = List.of("relay", "corp", "mx1", "backup", "apps", "hq", "eu", "x-9");
    private static final List<Duration> DURATIONS = List.of(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofSeconds(1),
        Duration.ofSeconds(90), Duration.ofMinutes(2), Duration.ofMinutes(90), Duration.ofHours(1), Duration.ofHours(36), Duration.ofDays(2));

    private final Random random;
    private final Set<String> used = new HashSet<>();

    RandomPolicies(long seed) {
        this.random = new Random(seed);
    }

    RelayPolicy next() {
        used.clear();
        RelayPolicyBuilder builder = RelayPolicy.builder()
            .relayMode(pick(RelayPolicy.RelayMode.values()))
            .authenticatedRelay(new AuthenticatedRelay(pick(AuthenticatedRelay.Mode.values()), random.nextBoolean()))
            .servedSendersOnly(random.nextBoolean())
            .localSendersRequireLogin(random.nextBoolean())
            .headerFromMustBeOwned(random.nextBoolean())
            .senderRoutesFirst(random.nextBoolean())
            .filters(filters())
            .errorLimits(errorLimits())
            .authFailureLimits(new AuthFailureLimits(threshold(), threshold(), threshold(), duration(), duration()))
            .limitExceptions(pick(LimitExceptions.values()))
            .forbidUnauthPipelining(random.nextBoolean())
            .greetPause(random.nextBoolean() ? Duration.ZERO : pick(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        times(4, () -> unique("network", trustedNetwork(), network -> network.cidr().asString())).forEach(builder::trustedNetwork);
        times(3, () -> unique("login", senderLogin(), SenderLogin::login)).forEach(builder::senderLogin);
        times(3, () -> unique("relay-domain", relayDomain(), RelayDomain::name)).forEach(builder::relayDomain);
        times(6, () -> unique("route", route(), Route::ruleId)).forEach(builder::route);
        times(3, () -> unique("rate-limit", rateLimit(), RateLimit::name)).forEach(builder::rateLimit);
        return builder.build();
    }

    private TrustedNetwork trustedNetwork() {
        Cidr cidr = random.nextBoolean() ? network(4, random.nextInt(33)) : network(16, random.nextInt(129));
        return new TrustedNetwork(cidr, patterns(), random.nextBoolean());
    }

    private Cidr network(int length, int prefixLength) {
        byte[] address = new byte[length];
        random.nextBytes(address);
        address[0] = (byte) (length == 16 ? 0x20 : 10);
        for (int bit = prefixLength; bit < length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            return Cidr.parse(InetAddress.getByAddress(address).getHostAddress() + "/" + prefixLength);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private SenderLogin senderLogin() {
        List<AddressPattern> owns = patterns();
        boolean servedSendersOnly = owns.isEmpty() || random.nextBoolean();
        return new SenderLogin(random.nextBoolean() ? "user" + random.nextInt(100) + "@" + domain() : "login" + random.nextInt(100),
            owns, servedSendersOnly);
    }

    private RelayDomain relayDomain() {
        String domain = domain();
        Optional<Set<String>> recipients = random.nextBoolean() ? Optional.empty()
            : Optional.of(times(3, () -> "user" + random.nextInt(1000) + "@" + domain).stream().collect(Collectors.toSet()));
        return new RelayDomain(domain, recipients.filter(known -> !known.isEmpty()));
    }

    private Route route() {
        Transport transport = transport();
        switch (random.nextInt(6)) {
            case 0:
                return Route.forRecipients("Info@" + domain(), transport);
            case 1:
                return Route.forRecipients(domain(), transport);
            case 2:
                return Route.forRecipients("." + domain(), transport);
            case 3:
                return Route.forRecipients(Route.DEFAULT_DESTINATION, transport);
            case 4:
                return Route.forSenders("user" + random.nextInt(100) + "@" + domain(), transport);
            default:
                return Route.forSenders("@" + domain(), transport);
        }
    }

    private Transport transport() {
        List<NextHop> hops = random.nextInt(4) == 0 ? List.of() : times(3, this::nextHop);
        Optional<String> credentials = hops.isEmpty() || random.nextBoolean() ? Optional.empty()
            : Optional.of("Upstream_" + random.nextInt(10) + ".a-b");
        return new Transport(hops, pick(TlsPolicy.values()), credentials,
            pick(Transport.Balance.values()));
    }

    private NextHop nextHop() {
        String host = random.nextBoolean() ? domain() : "192.0.2." + random.nextInt(256);
        return NextHop.parse(random.nextBoolean() ? "[" + host + "]:" + (1 + random.nextInt(65535)) : host);
    }

    private FilterPolicy filters() {
        List<AttachmentRule> rules = times(4, this::attachmentRule);
        List<HeaderFilter> headerFilters = times(3, () -> unique("header-filter", headerFilter(), HeaderFilter::scope));
        Optional<Antivirus> antivirus = random.nextBoolean() ? Optional.empty()
            : Optional.of(new Antivirus(nextHop(), duration(), pick(FilterAction.QUARANTINE, FilterAction.REJECT),
                pick(Antivirus.OnFailure.values())));
        return new FilterPolicy(rules, headerFilters, antivirus);
    }

    private AttachmentRule attachmentRule() {
        List<String> sniffed = AttachmentRule.SNIFFED_KINDS.stream().sorted().collect(Collectors.toList());
        OptionalLong largerThan = random.nextBoolean() ? OptionalLong.empty()
            : OptionalLong.of(pick(0L, 1L + random.nextInt(1_000_000), 512L * 1024, 10L << 20, 3L << 30));
        boolean unparseable = random.nextBoolean();
        List<String> names = some(List.of("*.exe", "*.JS", "invoice?.pdf", "setup.*"));
        boolean surelyMatchesSomething = !names.isEmpty() || largerThan.isPresent() || unparseable;
        return new AttachmentRule(scope(), pick(FilterAction.values()), surelyMatchesSomething ? names : List.of("*.scr"),
            some(List.of("application/x-msdownload", "application/*", "text/html")), Set.copyOf(some(sniffed)),
            random.nextBoolean(), largerThan, unparseable);
    }

    private HeaderFilter headerFilter() {
        List<String> removed = some(List.of("Bcc", "X-Internal-*", "received", "X-Originating-IP"));
        return new HeaderFilter(scope(), removed.isEmpty() ? List.of("x-mailer") : removed);
    }

    private String scope() {
        switch (random.nextInt(3)) {
            case 0:
                return FilterPolicy.DEFAULT_SCOPE;
            case 1:
                return domain();
            default:
                return "." + domain();
        }
    }

    private RateLimit rateLimit() {
        RateLimit.Counted counted = pick(RateLimit.Counted.values());
        boolean atConnect = counted == RateLimit.Counted.SESSIONS || counted == RateLimit.Counted.CONNECTIONS;
        RateLimit.Scope scope = atConnect ? pick(RateLimit.Scope.CLIENT, RateLimit.Scope.NETWORK)
            : counted == RateLimit.Counted.RECIPIENTS ? pick(RateLimit.Scope.values())
            : pick(RateLimit.Scope.CLIENT, RateLimit.Scope.NETWORK, RateLimit.Scope.LOGIN, RateLimit.Scope.SENDER_DOMAIN);
        Optional<Duration> window = counted == RateLimit.Counted.SESSIONS ? Optional.empty() : Optional.of(duration());
        return new RateLimit("limit-" + random.nextInt(100), scope, counted, 1 + random.nextInt(1_000_000), window);
    }

    private ErrorLimits errorLimits() {
        int soft = 1 + random.nextInt(50);
        return new ErrorLimits(soft, soft + random.nextInt(50), duration(), 1 + random.nextInt(1_000_000));
    }

    private FailureThreshold threshold() {
        Duration window = duration();
        return new FailureThreshold(1 + random.nextInt(1000), window.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : window);
    }

    private List<AddressPattern> patterns() {
        return times(3, () -> AddressPattern.parse(random.nextBoolean() ? "@" + domain() : "Printer" + random.nextInt(10) + "@" + domain()));
    }

    private String domain() {
        return pick(LABELS.toArray(String[]::new)) + "." + pick(LABELS.toArray(String[]::new)) + ".test";
    }

    private Duration duration() {
        return pick(DURATIONS.toArray(Duration[]::new));
    }

    /** Each item or not, in their order. */
    private <T> List<T> some(List<T> items) {
        return items.stream().filter(item -> random.nextBoolean()).collect(Collectors.toList());
    }

    /** Up to {@code most} values, none half of the time. */
    private <T> List<T> times(int most, Supplier<T> value) {
        int count = random.nextBoolean() ? 0 : 1 + random.nextInt(most);
        return IntStream.range(0, count).mapToObj(i -> value.get()).filter(item -> item != null).collect(Collectors.toList());
    }

    /** The value, or null when its key was drawn before in this policy. */
    private <T> T unique(String kind, T value, Function<T, String> key) {
        return used.add(kind + ":" + key.apply(value)) ? value : null;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
