package org.jamesrelay.webadmin.dto;

import java.util.Optional;

/** One relay domain in a page of {@code GET /relay/domains?limit=N}: how many recipients it lists, not which. */
public final class DomainSummaryDto {
    private final String domain;
    private final Integer recipientCount;

    /** @param recipientCount empty when the domain accepts any recipient */
    public DomainSummaryDto(String domain, Optional<Integer> recipientCount) {
        this.domain = domain;
        this.recipientCount = recipientCount.orElse(null);
    }

    public String getDomain() {
        return domain;
    }

    /** null: any recipient of the domain is accepted. */
    public Integer getRecipientCount() {
        return recipientCount;
    }
}
