package org.jamesrelay.dkim;

import java.security.GeneralSecurityException;
import java.security.Signature;

/**
 * A key pair of one algorithm. The private half only ever leaves through {@link #pkcs8()}, for the key store.
 */
interface KeyMaterial {
    DkimAlgorithm algorithm();

    /** The size of the key: the RSA modulus, or 256 for Ed25519. */
    int bits();

    /** What the DNS record's {@code p=} tag carries, before base64: RSA's SubjectPublicKeyInfo, Ed25519's 32 raw bytes. */
    byte[] dnsPublicKey();

    /** The private key, PKCS#8 DER. */
    byte[] pkcs8();

    /** A new signature of the DKIM header hash, ready to be fed the canonicalized headers. */
    Signature newSignature() throws GeneralSecurityException;
}
