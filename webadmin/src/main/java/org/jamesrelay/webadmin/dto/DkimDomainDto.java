package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jamesrelay.dkim.DkimDomain;
import org.jamesrelay.dkim.DkimKey;

/**
 * A signing domain: its settings, every key, and at the top level the key it signs with (the RSA one when two are
 * active), so that {@code selector}, {@code dnsName} and {@code dnsRecord} answer "what do I publish" at once.
 */
public final class DkimDomainDto {
    private final String domain;
    private final boolean subdomains;
    private final String onFailure;
    private final String selector;
    private final String algorithm;
    private final String dnsName;
    private final String dnsRecord;
    private final List<DkimKeyDto> keys;

    public DkimDomainDto(DkimDomain domain) {
        Optional<DkimKey> signing = domain.activeKeys().stream().findFirst();
        this.domain = domain.name();
        this.subdomains = domain.subdomains();
        this.onFailure = domain.onFailure().keyword();
        this.selector = signing.map(DkimKey::selector).orElse(null);
        this.algorithm = signing.map(key -> key.algorithm().tag()).orElse(null);
        this.dnsName = signing.map(DkimKey::dnsName).orElse(null);
        this.dnsRecord = signing.map(DkimKey::dnsRecord).orElse(null);
        this.keys = domain.keys().stream().map(DkimKeyDto::new).collect(Collectors.toList());
    }

    public String getDomain() {
        return domain;
    }

    public boolean isSubdomains() {
        return subdomains;
    }

    public String getOnFailure() {
        return onFailure;
    }

    /** Null when no key is active. */
    public String getSelector() {
        return selector;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public String getDnsName() {
        return dnsName;
    }

    public String getDnsRecord() {
        return dnsRecord;
    }

    public List<DkimKeyDto> getKeys() {
        return keys;
    }
}
