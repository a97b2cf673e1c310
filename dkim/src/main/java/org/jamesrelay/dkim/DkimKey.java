package org.jamesrelay.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One signing key of a domain, under its selector. Its text forms ({@link #toString()}, {@link #describe()}) show
 * the public half only.
 */
public final class DkimKey {
    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final String domain;
    private final String selector;
    private final KeyMaterial material;
    private final boolean active;
    private final Instant created;

    DkimKey(String domain, String selector, KeyMaterial material, boolean active, Instant created) {
        this.domain = DkimDomain.domainName(domain);
        this.selector = selector(selector);
        this.material = Objects.requireNonNull(material);
        this.active = active;
        this.created = Objects.requireNonNull(created);
    }

    /** A new key pair; {@code rsaBits} is used by {@code rsa-sha256} only. */
    public static DkimKey generate(String domain, String selector, DkimAlgorithm algorithm, int rsaBits, boolean active, Instant created)
        throws GeneralSecurityException {
        return new DkimKey(domain, selector, KeyMaterials.generate(algorithm, rsaBits), active, created);
    }

    /** An existing private key, in PEM; its algorithm is the key's. */
    public static DkimKey fromPem(String domain, String selector, String pem, boolean active, Instant created) throws GeneralSecurityException {
        return new DkimKey(domain, selector, KeyMaterials.fromPem(pem), active, created);
    }

    /** A selector is one or more DNS labels, case-insensitive: {@code s1}, {@code 2026-12}, {@code mail.eu}. */
    public static String selector(String value) {
        String selector = value.trim().toLowerCase(Locale.ROOT);
        if (!SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("invalid selector '" + value + "': DNS labels of letters, digits and '-', separated by dots");
        }
        return selector;
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    public DkimAlgorithm algorithm() {
        return material.algorithm();
    }

    public int bits() {
        return material.bits();
    }

    public boolean active() {
        return active;
    }

    public Instant created() {
        return created;
    }

    public DkimKey withActive(boolean active) {
        return new DkimKey(domain, selector, material, active, created);
    }

    /** Where the public key is published: {@code s1._domainkey.example.com}. */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record to publish at {@link #dnsName()}. */
    public String dnsRecord() {
        return "v=DKIM1; k=" + algorithm().keyType() + "; p=" + Base64.getEncoder().encodeToString(material.dnsPublicKey());
    }

    /** The SHA-256 of the published public key, as OpenSSH prints key fingerprints: for the audit trail. */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.dnsPublicKey());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** One line for logs and the audit trail: no private key in it. */
    public String describe() {
        return domain + " " + selector + " " + algorithm().tag() + " " + bits() + " bits " + (active ? "active" : "standby") + " " + fingerprint();
    }

    Signature newSignature() throws GeneralSecurityException {
        return material.newSignature();
    }

    /** The private key, PKCS#8 DER, for the key store only. */
    byte[] privateKeyPkcs8() {
        return material.pkcs8();
    }

    boolean samePublicKey(DkimKey other) {
        return algorithm() == other.algorithm() && Arrays.equals(material.dnsPublicKey(), other.material.dnsPublicKey());
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof DkimKey) {
            DkimKey that = (DkimKey) o;
            return domain.equals(that.domain) && selector.equals(that.selector) && active == that.active
                && created.equals(that.created) && samePublicKey(that);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, selector, active, created);
    }

    @Override
    public String toString() {
        return "DkimKey{" + describe() + "}";
    }
}
