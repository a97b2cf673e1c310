package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The front-end filter of the policy: attachment rules and header removals by scope, and the antivirus. A
 * recipient domain with rules of its own uses those, one under a {@code .domain} scope uses that scope's; every
 * other recipient uses the default scope {@code *}.
 */
public final class FilterPolicy {
    public static final String DEFAULT_SCOPE = "*";

    private final Map<String, List<AttachmentRule>> attachmentRules;
    private final Map<String, HeaderFilter> headerFilters;
    private final Optional<Antivirus> antivirus;

    public FilterPolicy(List<AttachmentRule> attachmentRules, List<HeaderFilter> headerFilters, Optional<Antivirus> antivirus) {
        Map<String, List<AttachmentRule>> rules = new LinkedHashMap<>();
        for (AttachmentRule rule : attachmentRules) {
            rules.computeIfAbsent(rule.scope(), any -> new ArrayList<>()).add(rule);
        }
        rules.replaceAll((scope, list) -> List.copyOf(list));
        Map<String, HeaderFilter> headers = new LinkedHashMap<>();
        for (HeaderFilter filter : headerFilters) {
            if (headers.putIfAbsent(filter.scope(), filter) != null) {
                throw new IllegalArgumentException("header-filter " + filter.scope() + " is already set");
            }
        }
        this.attachmentRules = Collections.unmodifiableMap(rules);
        this.headerFilters = Collections.unmodifiableMap(headers);
        this.antivirus = antivirus;
    }

    public static FilterPolicy none() {
        return new FilterPolicy(List.of(), List.of(), Optional.empty());
    }

    /**
     * The scope a recipient domain falls in: the domain itself when it has filter entries, else the nearest
     * {@code .parent} scope (as for routes: {@code .corp.test} covers {@code hq.corp.test}), else {@code *}.
     */
    public String scopeOf(String recipientDomain) {
        if (hasEntries(recipientDomain)) {
            return recipientDomain;
        }
        for (int dot = recipientDomain.indexOf('.'); dot >= 0; dot = recipientDomain.indexOf('.', dot + 1)) {
            String parent = recipientDomain.substring(dot);
            if (hasEntries(parent)) {
                return parent;
            }
        }
        return DEFAULT_SCOPE;
    }

    private boolean hasEntries(String scope) {
        return attachmentRules.containsKey(scope) || headerFilters.containsKey(scope);
    }

    public List<AttachmentRule> attachmentRules(String scope) {
        return attachmentRules.getOrDefault(scope, List.of());
    }

    public Optional<HeaderFilter> headerFilter(String scope) {
        return Optional.ofNullable(headerFilters.get(scope));
    }

    public Map<String, List<AttachmentRule>> allAttachmentRules() {
        return attachmentRules;
    }

    public Map<String, HeaderFilter> allHeaderFilters() {
        return headerFilters;
    }

    public Optional<Antivirus> antivirus() {
        return antivirus;
    }

    public boolean isEmpty() {
        return attachmentRules.isEmpty() && headerFilters.isEmpty() && antivirus.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof FilterPolicy) {
            FilterPolicy that = (FilterPolicy) o;
            return attachmentRules.equals(that.attachmentRules)
                && headerFilters.equals(that.headerFilters)
                && antivirus.equals(that.antivirus);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(attachmentRules, headerFilters, antivirus);
    }
}
