package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jamesrelay.dkim.DkimKey;
import org.jamesrelay.dkim.DkimKeyring;

/**
 * Whether relayed mail whose From: domain is the sender's would be signed, by which domain and selectors, with the
 * keys in force on this node.
 */
public final class DkimExplanationDto {
    private final boolean signed;
    private final String domain;
    private final List<String> selectors;
    private final String onFailure;
    private final String note;

    public static DkimExplanationDto of(Optional<DkimKeyring> keyring, String fromDomain) {
        if (keyring.isEmpty()) {
            return new DkimExplanationDto(false, null, List.of(), null,
                "the DKIM keys could not be read yet: mail with a From: address is held");
        }
        return keyring.get().signerFor(fromDomain)
            .map(domain -> new DkimExplanationDto(true, domain.name(),
                domain.activeKeys().stream().map(DkimKey::selector).collect(Collectors.toList()), domain.onFailure().keyword(),
                "signed d=" + domain.name() + " when the From: address is of " + fromDomain))
            .orElseGet(() -> new DkimExplanationDto(false, null, List.of(), null, "no active DKIM key for " + fromDomain + ": sent unsigned"));
    }

    private DkimExplanationDto(boolean signed, String domain, List<String> selectors, String onFailure, String note) {
        this.signed = signed;
        this.domain = domain;
        this.selectors = selectors;
        this.onFailure = onFailure;
        this.note = note;
    }

    public boolean isSigned() {
        return signed;
    }

    /** The signing domain (d=), null when not signed. */
    public String getDomain() {
        return domain;
    }

    public List<String> getSelectors() {
        return selectors;
    }

    public String getOnFailure() {
        return onFailure;
    }

    public String getNote() {
        return note;
    }
}
