package org.jamesrelay.dkim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The signing algorithms: {@code rsa-sha256} (RFC 6376) and {@code ed25519-sha256} (RFC 8463).
 */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    public static final int DEFAULT_RSA_BITS = 2048;
    /** Below 1024 bits receivers ignore the signature (RFC 8301); above 4096 the public key no longer fits a TXT string comfortably. */
    public static final int MIN_RSA_BITS = 1024;
    public static final int MAX_RSA_BITS = 4096;

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The value of the signature's {@code a=} tag. */
    public String tag() {
        return tag;
    }

    /** The value of the DNS record's {@code k=} tag. */
    public String keyType() {
        return keyType;
    }

    /** {@code rsa-sha256}, {@code ed25519-sha256}, or their key types {@code rsa} and {@code ed25519}. */
    public static DkimAlgorithm of(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
            .filter(algorithm -> algorithm.tag.equals(wanted) || algorithm.keyType.equals(wanted))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown DKIM algorithm '" + name + "': expected one of "
                + Arrays.stream(values()).map(DkimAlgorithm::tag).collect(Collectors.joining(", "))));
    }
}
