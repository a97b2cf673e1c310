package org.jamesrelay.filter;

import java.util.Objects;
import java.util.Optional;

/** The verdict clamd gave for one piece of content: clean, or infected with a named signature. */
public final class ScanResult {

    private static final ScanResult CLEAN = new ScanResult(null);

    private final String signature;

    private ScanResult(String signature) {
        this.signature = signature;
    }

    public static ScanResult clean() {
        return CLEAN;
    }

    /** @param signature the name clamd reported, e.g. {@code Win.Test.EICAR_HDB-1} */
    public static ScanResult infected(String signature) {
        Objects.requireNonNull(signature, "signature");
        if (signature.isBlank()) {
            throw new IllegalArgumentException("signature must not be blank");
        }
        return new ScanResult(signature);
    }

    public boolean isInfected() {
        return signature != null;
    }

    /** The signature name when infected, empty when clean. */
    public Optional<String> signature() {
        return Optional.ofNullable(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScanResult && Objects.equals(signature, ((ScanResult) other).signature);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(signature);
    }

    @Override
    public String toString() {
        return isInfected() ? "ScanResult[infected: " + signature + "]" : "ScanResult[clean]";
    }
}
