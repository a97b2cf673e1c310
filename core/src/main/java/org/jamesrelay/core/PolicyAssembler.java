package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers the entries of one policy file into a {@link RelayPolicy}, with the checks that span lines: a setting or a
 * route given twice, a relay recipient before its domain, the abuse limits that must agree with each other.
 */
final class PolicyAssembler {
    private final RelayPolicyBuilder builder = RelayPolicy.builder();
    private final Set<String> settingsSeen = new HashSet<>();
    private final Map<String, Integer> relayDomainLines = new LinkedHashMap<>();
    private final Map<String, RecipientTableBuilder> relayRecipients = new HashMap<>();
    private final Map<String, RecipientLines> recipientLines = new HashMap<>();
    private final Map<String, Integer> routeLines = new HashMap<>();
    private final List<AttachmentRule> attachmentRules = new ArrayList<>();
    private final List<HeaderFilter> headerFilters = new ArrayList<>();
    private Optional<Antivirus> antivirus = Optional.empty();
    private final LimitEntries limits = new LimitEntries();
    private Optional<PolicyLine> lastLimitLine = Optional.empty();

    /** The builder, for the entries that need no check across lines. */
    RelayPolicyBuilder builder() {
        return builder;
    }

    /** Refuses a second entry of a keyword that may appear once. */
    void setOnce(PolicyLine line) {
        if (!settingsSeen.add(line.keyword())) {
            throw new IllegalArgumentException(line.keyword() + " is set more than once");
        }
    }

    void relayDomain(PolicyLine line, String domain) {
        if (relayDomainLines.putIfAbsent(domain, line.number()) != null) {
            throw new IllegalArgumentException("relay domain " + domain + " is already listed on line " + relayDomainLines.get(domain));
        }
    }

    /** A relay recipient, on a line {@link RecipientLines#encoded}. */
    void relayRecipient(EnvelopeAddress recipient, int encodedLine) {
        if (!relayDomainLines.containsKey(recipient.domain())) {
            throw new IllegalArgumentException(recipient.domain() + " is not a relay domain: add 'relay-domain "
                + recipient.domain() + "' before its recipients");
        }
        if (!relayRecipients.computeIfAbsent(recipient.domain(), RecipientTable::builder).add(recipient.key(), encodedLine)) {
            throw new IllegalArgumentException("relay recipient " + recipient.key() + " is already listed");
        }
    }

    void route(PolicyLine line, Route route) {
        Integer earlier = routeLines.putIfAbsent(route.ruleId(), line.number());
        if (earlier != null) {
            throw new IllegalArgumentException(route.ruleId() + " is already set on line " + earlier);
        }
        builder.route(route);
    }

    void attachmentRule(AttachmentRule rule) {
        attachmentRules.add(rule);
    }

    void headerFilter(HeaderFilter filter) {
        if (headerFilters.stream().anyMatch(other -> other.scope().equals(filter.scope()))) {
            throw new IllegalArgumentException("header-filter " + filter.scope() + " is already set: list every header on one line");
        }
        headerFilters.add(filter);
    }

    void antivirus(Antivirus antivirus) {
        this.antivirus = Optional.of(antivirus);
    }

    /** One of {@link LimitEntries#KEYWORDS}, given once. */
    void limit(PolicyLine line) {
        setOnce(line);
        limits.apply(line.keyword(), line.value());
        line.noOptions();
        lastLimitLine = Optional.of(line);
    }

    /** The line of a relay domain's entry, if it was read. */
    Optional<Integer> relayDomainLine(String domain) {
        return Optional.ofNullable(relayDomainLines.get(domain));
    }

    /** The number of the line of each relay domain. */
    Map<String, Integer> relayDomainLines() {
        return Map.copyOf(relayDomainLines);
    }

    /** After {@link #build}, the lines of the recipients read here, by domain. */
    Map<String, RecipientLines> recipientLines() {
        return Map.copyOf(recipientLines);
    }

    /** The policy; a conflict between limit entries is reported on the last of them. */
    RelayPolicy build() throws PolicyFileException {
        return build(Map.of());
    }

    /**
     * The policy, with the recipients of {@code tables} for the relay domains whose recipients were not read here (a
     * {@link PolicySnapshot} keeps them from one change to the next); an empty table is none.
     */
    RelayPolicy build(Map<String, RecipientTable> tables) throws PolicyFileException {
        for (Map.Entry<String, Integer> domain : relayDomainLines.entrySet()) {
            RecipientTableBuilder recipients = relayRecipients.remove(domain.getKey());
            Optional<RecipientTable> table = recipients != null ? Optional.of(recipients.build())
                : Optional.ofNullable(tables.get(domain.getKey())).filter(known -> known.size() > 0);
            if (recipients != null) {
                recipientLines.put(domain.getKey(), recipients.lines().orElseThrow());
            }
            builder.relayDomain(table.map(known -> RelayDomain.withRecipients(domain.getKey(), known))
                .orElseGet(() -> RelayDomain.anyRecipient(domain.getKey())));
        }
        builder.filters(new FilterPolicy(attachmentRules, headerFilters, antivirus));
        try {
            limits.applyTo(builder);
        } catch (IllegalArgumentException e) {
            throw lastLimitLine.orElseThrow().error(e.getMessage());
        }
        return builder.build();
    }
}
