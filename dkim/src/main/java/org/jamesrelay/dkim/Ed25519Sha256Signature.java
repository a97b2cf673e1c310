package org.jamesrelay.dkim;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * {@code ed25519-sha256} (RFC 8463) as a {@link Signature}, so that jdkim's header canonicalization can feed it:
 * the signed data is the SHA-256 hash of the canonicalized headers, signed with pure Ed25519. jdkim 0.3 itself
 * only names JCA algorithms as {@code SHA256with<KEYTYPE>}, which no provider offers for Ed25519, and would sign
 * the headers themselves rather than their hash.
 */
final class Ed25519Sha256Signature extends Signature {
    private final Ed25519PrivateKeyParameters key;
    private final MessageDigest digest;

    /** A signature in the signing state: its key is the one given here, not one passed to {@code initSign}. */
    static Signature signingWith(Ed25519PrivateKeyParameters key) throws InvalidKeyException {
        Signature signature = new Ed25519Sha256Signature(key);
        signature.initSign(null);
        return signature;
    }

    private Ed25519Sha256Signature(Ed25519PrivateKeyParameters key) {
        super(DkimAlgorithm.ED25519_SHA256.tag());
        this.key = key;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    protected void engineInitSign(PrivateKey ignored) {
        digest.reset();
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        throw new InvalidKeyException("signing only");
    }

    @Override
    protected void engineUpdate(byte b) {
        digest.update(b);
    }

    @Override
    protected void engineUpdate(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    @Override
    protected byte[] engineSign() {
        byte[] hash = digest.digest();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(hash, 0, hash.length);
        return signer.generateSignature();
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        throw new SignatureException("signing only");
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String name, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String name) {
        throw new UnsupportedOperationException();
    }
}
