package org.jamesrelay.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

class DkimKeyTest {
    @Test
    void aGeneratedRsaKeyHas2048BitsAndItsDnsRecord() throws Exception {
        DkimKey key = DkimKey.generate("Example.COM.", "S1", DkimAlgorithm.RSA_SHA256, DkimAlgorithm.DEFAULT_RSA_BITS, true, Instant.EPOCH);

        assertThat(key.bits()).isEqualTo(2048);
        assertThat(key.dnsName()).isEqualTo("s1._domainkey.example.com");
        assertThat(key.dnsRecord()).matches("v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/]+=*");
        assertThat(key.fingerprint()).matches("SHA256:[A-Za-z0-9+/]{43}");
    }

    @Test
    void anEd25519RecordCarriesThe32RawBytesOfThePublicKey() throws Exception {
        DkimKey key = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256, 0, true, Instant.EPOCH);

        String p = key.dnsRecord().substring(key.dnsRecord().indexOf("p=") + 2);
        assertThat(key.dnsRecord()).startsWith("v=DKIM1; k=ed25519; p=");
        assertThat(Base64.getDecoder().decode(p)).hasSize(32);
    }

    @Test
    void rsaKeysOutsideTheUsableSizesAreRefused() {
        assertThatThrownBy(() -> DkimKey.generate("example.com", "s1", DkimAlgorithm.RSA_SHA256, 512, true, Instant.EPOCH))
            .hasMessageContaining("1024 to 4096 bits");
    }

    @Test
    void pkcs8AndPkcs1PemKeysAreImportedWithTheirPublicKey() throws Exception {
        DkimKey rsa = DkimKey.generate("example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, true, Instant.EPOCH);
        DkimKey ed25519 = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256, 0, true, Instant.EPOCH);
        byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.privateKeyPkcs8()).parsePrivateKey().toASN1Primitive().getEncoded();

        DkimKey fromPkcs8 = DkimKey.fromPem("example.com", "s1", pem("PRIVATE KEY", rsa.privateKeyPkcs8()), true, Instant.EPOCH);
        DkimKey fromPkcs1 = DkimKey.fromPem("example.com", "s1", pem("RSA PRIVATE KEY", pkcs1), true, Instant.EPOCH);
        DkimKey edFromPem = DkimKey.fromPem("example.com", "e1", pem("PRIVATE KEY", ed25519.privateKeyPkcs8()), true, Instant.EPOCH);

        assertThat(fromPkcs8.dnsRecord()).isEqualTo(rsa.dnsRecord());
        assertThat(fromPkcs1.dnsRecord()).isEqualTo(rsa.dnsRecord());
        assertThat(edFromPem.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(edFromPem.dnsRecord()).isEqualTo(ed25519.dnsRecord());
    }

    @Test
    void whatIsNoPrivateKeyIsRefused() {
        assertThatThrownBy(() -> DkimKey.fromPem("example.com", "s1", "hello", true, Instant.EPOCH))
            .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("no PEM private key");
        assertThatThrownBy(() -> DkimKey.fromPem("example.com", "s1", pem("PUBLIC KEY", new byte[] {1, 2}), true, Instant.EPOCH))
            .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void itsTextFormsShowNoPrivateKey() throws Exception {
        DkimKey key = DkimKey.generate("example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, true, Instant.EPOCH);
        String privateKey = Base64.getEncoder().encodeToString(key.privateKeyPkcs8());

        assertThat(key.toString() + key.describe() + key.dnsRecord()).doesNotContain(privateKey.substring(40, 80));
        assertThat(key.describe()).isEqualTo("example.com s1 rsa-sha256 2048 bits active " + key.fingerprint());
    }

    @Test
    void selectorsAreDnsLabels() {
        assertThat(DkimKey.selector("2026-12.EU")).isEqualTo("2026-12.eu");
        assertThatThrownBy(() -> DkimKey.selector("s 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DkimKey.selector("-s1")).isInstanceOf(IllegalArgumentException.class);
    }

    static String pem(String type, byte[] der) throws Exception {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        }
        return text.toString();
    }
}
