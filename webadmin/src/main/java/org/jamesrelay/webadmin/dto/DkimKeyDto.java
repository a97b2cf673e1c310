package org.jamesrelay.webadmin.dto;

import org.jamesrelay.dkim.DkimKey;

/** One DKIM key as WebAdmin shows it: its public half and where to publish it, never its private key. */
public final class DkimKeyDto {
    private final String domain;
    private final String selector;
    private final String algorithm;
    private final int bits;
    private final boolean active;
    private final String created;
    private final String dnsName;
    private final String dnsRecord;
    private final String fingerprint;

    public DkimKeyDto(DkimKey key) {
        this.domain = key.domain();
        this.selector = key.selector();
        this.algorithm = key.algorithm().tag();
        this.bits = key.bits();
        this.active = key.active();
        this.created = key.created().toString();
        this.dnsName = key.dnsName();
        this.dnsRecord = key.dnsRecord();
        this.fingerprint = key.fingerprint();
    }

    public String getDomain() {
        return domain;
    }

    public String getSelector() {
        return selector;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public int getBits() {
        return bits;
    }

    public boolean isActive() {
        return active;
    }

    public String getCreated() {
        return created;
    }

    public String getDnsName() {
        return dnsName;
    }

    /** The TXT value to publish at {@link #getDnsName()}. */
    public String getDnsRecord() {
        return dnsRecord;
    }

    public String getFingerprint() {
        return fingerprint;
    }
}
