package org.jamesrelay.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the value of one policy entry from its {@link PolicyLine}, each option checked; what needs other lines (an
 * entry set twice, a recipient before its domain) is for {@link PolicyAssembler}. Every reader consumes the whole line.
 */
final class PolicyEntryReaders {
    static final String SERVED_SENDERS_ONLY = "served-senders-only";
    static final String WIDE = "wide";

    private PolicyEntryReaders() {
    }

    static TrustedNetwork trustedNetwork(PolicyLine line) {
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

    static AuthenticatedRelay authenticatedRelay(PolicyLine line) {
        AuthenticatedRelay relay = new AuthenticatedRelay(line.choice(AuthenticatedRelay.Mode.values(), AuthenticatedRelay.Mode::keyword),
            line.flag(SERVED_SENDERS_ONLY));
        line.noOptions();
        return relay;
    }

    static SenderLogin senderLogin(PolicyLine line) {
        SenderLogin login = new SenderLogin(line.value().toLowerCase(Locale.ROOT), line.patterns("owns"), line.flag(SERVED_SENDERS_ONLY));
        line.noOptions();
        if (login.owns().isEmpty() && !login.servedSendersOnly()) {
            throw new IllegalArgumentException("says nothing: give owns=ADDRESS|@DOMAIN,... or served-senders-only");
        }
        return login;
    }

    static String relayDomain(PolicyLine line) {
        String domain = domain(line.value());
        line.noOptions();
        return domain;
    }

    static EnvelopeAddress relayRecipient(PolicyLine line) {
        EnvelopeAddress recipient = address(line.value());
        line.noOptions();
        return recipient;
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

    /** The value of an entry that says {@code yes} or {@code no}, and nothing else. */
    static boolean yesNo(PolicyLine line) {
        boolean yes = line.yesNo();
        line.noOptions();
        return yes;
    }

    /** {@code route} and {@code sender-route}. */
    static Route route(PolicyLine line) {
        String key = line.value();
        Transport transport = transport(line);
        return line.keyword().equals("route") ? Route.forRecipients(key, transport) : Route.forSenders(key, transport);
    }

    private static Transport transport(PolicyLine line) {
        String hops = line.second().orElseThrow(() -> new IllegalArgumentException(
            line.keyword() + " needs next hops after " + line.value() + ": " + Transport.DIRECT + " or [HOST]:PORT[,[HOST]:PORT...]"));
        List<NextHop> nextHops = new ArrayList<>();
        if (!hops.equalsIgnoreCase(Transport.DIRECT)) {
            for (String hop : hops.split(",")) {
                nextHops.add(NextHop.parse(hop));
            }
        }
        TlsPolicy tls = line.option("tls")
            .map(value -> choice(value, TlsPolicy.values(), TlsPolicy::keyword, "tls"))
            .orElse(TlsPolicy.MAY);
        Optional<String> credentials = line.option("credentials").map(PolicyEntryReaders::credentialsName);
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

    static AttachmentRule attachmentRule(PolicyLine line) {
        String scope = scope(line.value());
        FilterAction action = line.second()
            .map(value -> choice(value, FilterAction.values(), FilterAction::keyword, "action"))
            .orElseThrow(() -> new IllegalArgumentException("attachment-filter needs an action after " + line.value() + ": strip, quarantine or reject"));
        AttachmentRule rule = new AttachmentRule(scope, action, line.list("names"), line.list("types"), Set.copyOf(line.list("sniffed")),
            line.flag("encrypted-archives"), line.option("larger-than").map(PolicyUnits::size).map(OptionalLong::of).orElse(OptionalLong.empty()),
            line.flag("unparseable"));
        line.noOptions();
        return rule;
    }

    static HeaderFilter headerFilter(PolicyLine line) {
        HeaderFilter filter = new HeaderFilter(scope(line.value()), line.list("remove"));
        line.noOptions();
        return filter;
    }

    static Antivirus antivirus(PolicyLine line) {
        if (!line.value().startsWith("clamd=")) {
            throw new IllegalArgumentException("antivirus needs clamd=[HOST]:PORT");
        }
        NextHop clamd = NextHop.parse(line.value().substring("clamd=".length()));
        Duration timeout = line.option("timeout").map(PolicyUnits::duration).orElse(Antivirus.DEFAULT_TIMEOUT);
        FilterAction onVirus = line.option("on-virus")
            .map(value -> choice(value, FilterAction.values(), FilterAction::keyword, "on-virus"))
            .orElse(FilterAction.REJECT);
        Antivirus.OnFailure onFailure = line.option("on-failure")
            .map(value -> choice(value, Antivirus.OnFailure.values(), Antivirus.OnFailure::keyword, "on-failure"))
            .orElse(Antivirus.OnFailure.TEMPFAIL);
        line.noOptions();
        return new Antivirus(clamd, timeout, onVirus, onFailure);
    }

    static RateLimit rateLimit(PolicyLine line) {
        RateLimit limit = RateLimit.parse(line.value(), line.option("scope"), line.option("counts"), line.option("max"));
        line.noOptions();
        return limit;
    }

    /** {@code *}, a domain, or {@code .domain} for its subdomains. */
    private static String scope(String value) {
        if (value.equals(FilterPolicy.DEFAULT_SCOPE)) {
            return value;
        }
        return value.startsWith(".") ? "." + domain(value.substring(1)) : domain(value);
    }

    private static String domain(String value) {
        try {
            return DomainNames.normalize(value);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static <E extends Enum<E>> E choice(String value, E[] choices, Function<E, String> keywordOf, String option) {
        return Arrays.stream(choices)
            .filter(choice -> keywordOf.apply(choice).equalsIgnoreCase(value))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(option + "=" + Printable.of(value) + " is not one of "
                + Arrays.stream(choices).map(keywordOf).collect(Collectors.joining(", "))));
    }
}
