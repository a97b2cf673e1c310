package org.jamesrelay.store.cassandra;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the digest of every page, manifest and chunked base. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static byte[] of(byte[] bytes, int offset, int length) {
        MessageDigest sha256 = newDigest();
        sha256.update(bytes, offset, length);
        return sha256.digest();
    }
}
