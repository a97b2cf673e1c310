package org.jamesrelay.core;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes policy entries as {@link PolicyFileParser} reads them, in canonical form: values as the parser keeps them,
 * options in a fixed order, sizes and durations in their largest exact unit. Reading what it writes gives the same
 * values back. {@link #print(RelayPolicy)} writes a whole policy: the relay mode, then every entry that differs from its
 * default, grouped by kind (who may relay, routes, filters, limits); what has no order of its own (sender logins, relay
 * domains and their recipients) is sorted, so the text is stable.
 */
public final class PolicyFileWriter {
    private static final String SERVED_SENDERS_ONLY = " " + PolicyEntryReaders.SERVED_SENDERS_ONLY;

    private PolicyFileWriter() {
    }

    public static String print(RelayPolicy policy) {
        return Stream.of(
                Stream.of(relayMode(policy.relayMode())),
                policy.trustedNetworks().stream().map(PolicyFileWriter::trustedNetwork),
                policy.authenticatedRelay().equals(AuthenticatedRelay.DEFAULT) ? Stream.<String>empty()
                    : Stream.of(authenticatedRelay(policy.authenticatedRelay())),
                policy.senderLogins().values().stream().sorted(Comparator.comparing(SenderLogin::login)).map(PolicyFileWriter::senderLogin),
                policy.relayDomains().values().stream().sorted(Comparator.comparing(RelayDomain::name))
                    .flatMap(PolicyFileWriter::relayDomainWithRecipients),
                settingIfYes("served-senders-only", policy.servedSendersOnly()),
                settingIfYes("local-senders-require-login", policy.localSendersRequireLogin()),
                settingIfYes("header-from-must-be-owned", policy.headerFromMustBeOwned()),
                routes(policy.routes()),
                filters(policy.filters()),
                policy.rateLimits().stream().map(PolicyFileWriter::rateLimit),
                limits(policy))
            .flatMap(lines -> lines)
            .map(line -> line + "\n")
            .collect(Collectors.joining());
    }

    public static String relayMode(RelayPolicy.RelayMode mode) {
        return "relay-mode " + mode.keyword();
    }

    public static String trustedNetwork(TrustedNetwork network) {
        return "trusted-network " + network.cidr().asString() + patterns(" senders=", network.senders())
            + (network.servedSendersOnly() ? SERVED_SENDERS_ONLY : "") + (network.isWide() ? " " + PolicyEntryReaders.WIDE : "");
    }

    public static String authenticatedRelay(AuthenticatedRelay relay) {
        return "authenticated-relay " + relay.mode().keyword() + (relay.servedSendersOnly() ? SERVED_SENDERS_ONLY : "");
    }

    public static String senderLogin(SenderLogin login) {
        return "sender-login " + login.login() + patterns(" owns=", login.owns()) + (login.servedSendersOnly() ? SERVED_SENDERS_ONLY : "");
    }

    public static String relayDomain(String domain) {
        return "relay-domain " + domain;
    }

    /** @param recipient an {@link EnvelopeAddress#key()} */
    public static String relayRecipient(String recipient) {
        return "relay-recipient " + recipient;
    }

    /** An entry that says {@code yes} or {@code no}: {@code served-senders-only no}. */
    public static String setting(String keyword, boolean yes) {
        return keyword + (yes ? " yes" : " no");
    }

    /** {@code route|sender-route KEY HOPS tls=T [credentials=NAME] [balance=B]}: the TLS policy always, the balance when not failover. */
    public static String route(Route route) {
        Transport transport = route.transport();
        return (route.kind().bySender() ? "sender-route " : "route ") + route.key() + " " + transport.hopsAsString()
            + " tls=" + transport.tls().keyword() + transport.credentials().map(name -> " credentials=" + name).orElse("")
            + (transport.balance() == Transport.Balance.FAILOVER ? "" : " balance=" + transport.balance().keyword());
    }

    /** The sniffed kinds sorted, since they have no order. */
    public static String attachmentRule(AttachmentRule rule) {
        return "attachment-filter " + rule.scope() + " " + rule.action().keyword() + joined(" names=", rule.names())
            + joined(" types=", rule.types()) + joined(" sniffed=", rule.sniffed().stream().sorted().collect(Collectors.toList()))
            + (rule.encryptedArchives() ? " encrypted-archives" : "")
            + (rule.largerThan().isPresent() ? " larger-than=" + PolicyUnits.formatSize(rule.largerThan().getAsLong()) : "")
            + (rule.unparseable() ? " unparseable" : "");
    }

    public static String headerFilter(HeaderFilter filter) {
        return "header-filter " + filter.scope() + joined(" remove=", filter.removed());
    }

    /** Every option, the defaults too. */
    public static String antivirus(Antivirus antivirus) {
        return "antivirus clamd=" + antivirus.clamd().asString() + " timeout=" + PolicyUnits.formatDuration(antivirus.timeout())
            + " on-virus=" + antivirus.onVirus().keyword() + " on-failure=" + antivirus.onFailure().keyword();
    }

    public static String rateLimit(RateLimit limit) {
        return "rate-limit " + limit.name() + " scope=" + limit.scope().keyword() + " counts=" + limit.counted().keyword() + " max=" + limit.max()
            + limit.window().map(window -> "/" + PolicyUnits.formatDuration(window)).orElse("");
    }

    private static Stream<String> relayDomainWithRecipients(RelayDomain domain) {
        return Stream.concat(Stream.of(relayDomain(domain.name())),
            domain.recipients().stream().flatMap(Collection::stream).sorted().map(PolicyFileWriter::relayRecipient));
    }

    private static Stream<String> settingIfYes(String keyword, boolean yes) {
        return yes ? Stream.of(setting(keyword, true)) : Stream.empty();
    }

    /** By destination, the default route last; then by sender. */
    private static Stream<String> routes(RouteTable routes) {
        Stream<Route> all = Stream.of(routes.recipientRoutes().stream(), routes.defaultRoute().stream(), routes.senderRoutes().stream())
            .flatMap(route -> route);
        return Stream.concat(all.map(PolicyFileWriter::route), settingIfYes("sender-routes-first", routes.senderRoutesFirst()));
    }

    private static Stream<String> filters(FilterPolicy filters) {
        return Stream.of(
                filters.allAttachmentRules().values().stream().flatMap(List::stream).map(PolicyFileWriter::attachmentRule),
                filters.allHeaderFilters().values().stream().map(PolicyFileWriter::headerFilter),
                filters.antivirus().stream().map(PolicyFileWriter::antivirus))
            .flatMap(lines -> lines);
    }

    /** The abuse limits that differ from their defaults. */
    private static Stream<String> limits(RelayPolicy policy) {
        ErrorLimits errors = policy.errorLimits();
        AuthFailureLimits auth = policy.authFailureLimits();
        return Stream.of(
                unlessDefault("soft-error-limit", errors.softLimit(), ErrorLimits.DEFAULT_SOFT_LIMIT, String::valueOf),
                unlessDefault("hard-error-limit", errors.hardLimit(), ErrorLimits.DEFAULT_HARD_LIMIT, String::valueOf),
                unlessDefault("error-sleep-time", errors.sleepTime(), ErrorLimits.DEFAULT_SLEEP_TIME, PolicyUnits::formatDuration),
                unlessDefault("junk-command-limit", errors.junkCommandLimit(), ErrorLimits.DEFAULT_JUNK_COMMAND_LIMIT, String::valueOf),
                unlessDefault("client-auth-failure-limit", auth.perClient(), AuthFailureLimits.DEFAULT_PER_CLIENT, PolicyFileWriter::threshold),
                unlessDefault("network-auth-failure-limit", auth.perNetwork(), AuthFailureLimits.DEFAULT_PER_NETWORK, PolicyFileWriter::threshold),
                unlessDefault("login-auth-failure-limit", auth.perLogin(), AuthFailureLimits.DEFAULT_PER_LOGIN, PolicyFileWriter::threshold),
                unlessDefault("auth-lockout-time", auth.lockoutTime(), AuthFailureLimits.DEFAULT_LOCKOUT_TIME, PolicyUnits::formatDuration),
                unlessDefault("auth-failure-delay", auth.failureDelay(), AuthFailureLimits.DEFAULT_FAILURE_DELAY, PolicyUnits::formatDuration),
                unlessDefault("limit-exceptions", policy.limitExceptions(), LimitExceptions.TRUSTED_NETWORKS, LimitExceptions::keyword),
                unlessDefault("forbid-unauth-pipelining", policy.forbidUnauthPipelining(), true, yes -> yes ? "yes" : "no"),
                unlessDefault("greet-pause", policy.greetPause(), Duration.ZERO, PolicyUnits::formatDuration))
            .flatMap(Optional::stream);
    }

    private static <T> Optional<String> unlessDefault(String keyword, T value, T defaultValue, Function<T, String> written) {
        return value.equals(defaultValue) ? Optional.empty() : Optional.of(keyword + " " + written.apply(value));
    }

    /** {@code 10/10m}. */
    private static String threshold(FailureThreshold threshold) {
        return threshold.count() + "/" + PolicyUnits.formatDuration(threshold.window());
    }

    private static String patterns(String prefix, List<AddressPattern> patterns) {
        return joined(prefix, patterns.stream().map(AddressPattern::asString).collect(Collectors.toList()));
    }

    private static String joined(String prefix, Collection<String> values) {
        return values.isEmpty() ? "" : prefix + String.join(",", values);
    }
}
