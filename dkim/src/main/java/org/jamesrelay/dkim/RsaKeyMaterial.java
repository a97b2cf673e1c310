package org.jamesrelay.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;

/** An RSA key pair, signing {@code rsa-sha256} with the JDK. */
final class RsaKeyMaterial implements KeyMaterial {
    private final RSAPrivateCrtKey privateKey;
    private final PublicKey publicKey;

    static RsaKeyMaterial generate(int bits) throws GeneralSecurityException {
        if (bits < DkimAlgorithm.MIN_RSA_BITS || bits > DkimAlgorithm.MAX_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys have " + DkimAlgorithm.MIN_RSA_BITS + " to " + DkimAlgorithm.MAX_RSA_BITS
                + " bits, not " + bits);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return new RsaKeyMaterial((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
    }

    static RsaKeyMaterial fromPkcs8(byte[] pkcs8) throws GeneralSecurityException {
        return new RsaKeyMaterial((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    }

    private RsaKeyMaterial(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        this.privateKey = privateKey;
        this.publicKey = KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        if (bits() < DkimAlgorithm.MIN_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys of less than " + DkimAlgorithm.MIN_RSA_BITS + " bits are ignored by receivers (RFC 8301): "
                + bits() + " bits");
        }
    }

    @Override
    public DkimAlgorithm algorithm() {
        return DkimAlgorithm.RSA_SHA256;
    }

    @Override
    public int bits() {
        return privateKey.getModulus().bitLength();
    }

    @Override
    public byte[] dnsPublicKey() {
        return publicKey.getEncoded();
    }

    @Override
    public byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    @Override
    public Signature newSignature() throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(privateKey);
        return signature;
    }
}
