package org.jamesrelay.dkim;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * An Ed25519 key pair, through Bouncy Castle's lightweight API, which James ships: the JDK has Ed25519 only from
 * Java 15, and James Relay is built for Java 11.
 */
final class Ed25519KeyMaterial implements KeyMaterial {
    private final Ed25519PrivateKeyParameters privateKey;

    static Ed25519KeyMaterial generate() {
        return new Ed25519KeyMaterial(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    static Ed25519KeyMaterial fromPkcs8(byte[] pkcs8) throws GeneralSecurityException {
        return from(PrivateKeyInfo.getInstance(pkcs8));
    }

    static Ed25519KeyMaterial from(PrivateKeyInfo info) throws GeneralSecurityException {
        try {
            return new Ed25519KeyMaterial((Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(info));
        } catch (IOException | ClassCastException e) {
            throw new GeneralSecurityException("not an Ed25519 private key", e);
        }
    }

    private Ed25519KeyMaterial(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
    }

    @Override
    public DkimAlgorithm algorithm() {
        return DkimAlgorithm.ED25519_SHA256;
    }

    @Override
    public int bits() {
        return 256;
    }

    @Override
    public byte[] dnsPublicKey() {
        return privateKey.generatePublicKey().getEncoded();
    }

    @Override
    public byte[] pkcs8() {
        try {
            return PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an Ed25519 key", e);
        }
    }

    @Override
    public Signature newSignature() throws GeneralSecurityException {
        return Ed25519Sha256Signature.signingWith(privateKey);
    }
}
