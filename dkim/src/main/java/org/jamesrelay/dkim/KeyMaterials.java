package org.jamesrelay.dkim;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/** Key pairs generated, read from the store (PKCS#8), or imported from PEM. */
final class KeyMaterials {
    private KeyMaterials() {
    }

    static KeyMaterial generate(DkimAlgorithm algorithm, int rsaBits) throws GeneralSecurityException {
        return algorithm == DkimAlgorithm.RSA_SHA256 ? RsaKeyMaterial.generate(rsaBits) : Ed25519KeyMaterial.generate();
    }

    static KeyMaterial fromPkcs8(DkimAlgorithm algorithm, byte[] pkcs8) throws GeneralSecurityException {
        return algorithm == DkimAlgorithm.RSA_SHA256 ? RsaKeyMaterial.fromPkcs8(pkcs8) : Ed25519KeyMaterial.fromPkcs8(pkcs8);
    }

    /**
     * An unencrypted private key in PEM: {@code PRIVATE KEY} (PKCS#8, RSA or Ed25519, what {@code openssl genpkey}
     * writes) or {@code RSA PRIVATE KEY} (PKCS#1, what {@code opendkim-genkey} writes).
     */
    static KeyMaterial fromPem(String pem) throws GeneralSecurityException {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException("not a readable PEM private key", e);
        }
        PrivateKeyInfo info;
        if (object instanceof PrivateKeyInfo) {
            info = (PrivateKeyInfo) object;
        } else if (object instanceof PEMKeyPair) {
            info = ((PEMKeyPair) object).getPrivateKeyInfo();
        } else if (object == null) {
            throw new GeneralSecurityException("no PEM private key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        } else {
            throw new GeneralSecurityException("the PEM holds no unencrypted private key (an encrypted key must be decrypted first, e.g. openssl pkey -in key.pem)");
        }
        ASN1ObjectIdentifier type = info.getPrivateKeyAlgorithm().getAlgorithm();
        try {
            if (type.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return RsaKeyMaterial.fromPkcs8(info.getEncoded());
            }
            if (type.equals(EdECObjectIdentifiers.id_Ed25519)) {
                return Ed25519KeyMaterial.from(info);
            }
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException("cannot encode the key: " + e.getMessage(), e);
        }
        throw new GeneralSecurityException("unsupported key type " + type + ": DKIM keys are RSA or Ed25519");
    }
}
