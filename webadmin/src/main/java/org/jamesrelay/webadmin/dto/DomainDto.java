package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.Optional;

/** One {@code relay-domain} entry, with its {@code relay-recipient} entries. */
public final class DomainDto {
    private final String domain;
    private final List<String> recipients;

    /** @param recipients empty when the domain accepts any recipient */
    public DomainDto(String domain, Optional<List<String>> recipients) {
        this.domain = domain;
        this.recipients = recipients.orElse(null);
    }

    public String getDomain() {
        return domain;
    }

    /** null: any recipient of the domain is accepted. */
    public List<String> getRecipients() {
        return recipients;
    }
}
