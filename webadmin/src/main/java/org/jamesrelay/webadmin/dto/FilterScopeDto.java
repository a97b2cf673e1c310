package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.FilterPolicy;
import org.jamesrelay.core.HeaderFilter;

/** The front-end filter entries of one scope. */
public final class FilterScopeDto {
    private final String scope;
    private final List<AttachmentRuleDto> attachmentRules;
    private final HeaderFilterDto headerFilter;

    private FilterScopeDto(String scope, List<AttachmentRule> attachmentRules, Optional<HeaderFilter> headerFilter) {
        this.scope = scope;
        this.attachmentRules = attachmentRules.stream().map(AttachmentRuleDto::new).collect(Collectors.toList());
        this.headerFilter = headerFilter.map(HeaderFilterDto::new).orElse(null);
    }

    /** Empty when {@code scope} has no filter entry. */
    public static Optional<FilterScopeDto> of(String scope, FilterPolicy filters) {
        List<AttachmentRule> rules = filters.attachmentRules(scope);
        Optional<HeaderFilter> headerFilter = filters.headerFilter(scope);
        return rules.isEmpty() && headerFilter.isEmpty() ? Optional.empty() : Optional.of(new FilterScopeDto(scope, rules, headerFilter));
    }

    /** {@code *} or a recipient domain. */
    public String getScope() {
        return scope;
    }

    public List<AttachmentRuleDto> getAttachmentRules() {
        return attachmentRules;
    }

    /** Null: no header is removed. */
    public HeaderFilterDto getHeaderFilter() {
        return headerFilter;
    }
}
