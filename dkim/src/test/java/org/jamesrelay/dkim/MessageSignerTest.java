package org.jamesrelay.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessageSignerTest {
    private static DkimKey rsa;
    private static DkimKey ed25519;

    private final MessageSigner signer = new MessageSigner();

    @BeforeAll
    static void keys() throws Exception {
        rsa = DkimKey.generate("example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, true, Instant.EPOCH);
        ed25519 = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256, 0, true, Instant.EPOCH);
    }

    private static DkimDomain domainWith(DkimKey... keys) {
        return new DkimDomain("example.com", false, FailureMode.HOLD, List.of(keys));
    }

    private static Map<String, String> published(DkimKey... keys) {
        Map<String, String> records = new HashMap<>();
        for (DkimKey key : keys) {
            records.put(key.dnsName(), key.dnsRecord());
        }
        return records;
    }

    @Test
    void rsaSignatureVerifiesWithPythonDkimAndJdkim() throws Exception {
        byte[] signed = Messages.signed(signer, domainWith(rsa), Messages.bytes(Messages.PLAIN));

        assertThat(PythonDkimVerifier.verify(signed, published(rsa))).containsExactly("pass d=example.com s=s1 a=rsa-sha256");
        List<SignatureRecord> verified = new DKIMVerifier((method, selector, domain) -> List.of(rsa.dnsRecord()))
            .verify(new ByteArrayInputStream(signed));
        assertThat(verified).hasSize(1);
    }

    @Test
    void ed25519SignatureVerifiesWithPythonDkim() throws Exception {
        byte[] signed = Messages.signed(signer, domainWith(ed25519), Messages.bytes(Messages.PLAIN));

        assertThat(PythonDkimVerifier.verify(signed, published(ed25519))).containsExactly("pass d=example.com s=e1 a=ed25519-sha256");
    }

    @Test
    void dualSigningAddsOneVerifyingSignaturePerActiveKey() throws Exception {
        byte[] signed = Messages.signed(signer, domainWith(rsa, ed25519), Messages.bytes(Messages.PLAIN));

        assertThat(PythonDkimVerifier.verify(signed, published(rsa, ed25519)))
            .containsExactlyInAnyOrder("pass d=example.com s=s1 a=rsa-sha256", "pass d=example.com s=e1 a=ed25519-sha256");
    }

    @Test
    void signatureIsRelaxedRelaxedAndOversignsFrom() throws Exception {
        String field = Messages.signatures(signer, domainWith(rsa), Messages.bytes(Messages.PLAIN)).get(0);

        assertThat(field).startsWith("DKIM-Signature: ").contains("c=relaxed/relaxed").contains("d=example.com").contains("s=s1")
            .contains("h=from:from:subject:date:to:message-id:mime-version:content-type").doesNotContain("x-unsigned");
    }

    @Test
    void aSignatureOfA4096BitKeyOverManyHeadersIsFoldedIntoLinesOfAtMost998Characters() throws Exception {
        DkimKey big = DkimKey.generate("example.com", "big", DkimAlgorithm.RSA_SHA256, 4096, true, Instant.EPOCH);

        String manyRecipients = "Cc: team@example.net\r\n".repeat(40) + Messages.PLAIN;

        byte[] signed = Messages.signed(signer, domainWith(big), Messages.bytes(manyRecipients));

        assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("h=from:from:subject:date:to:cc:cc:");
        assertThat(new String(signed, StandardCharsets.US_ASCII).split("\r\n")).allMatch(line -> line.length() <= 998);
        assertThat(PythonDkimVerifier.verify(signed, published(big))).containsExactly("pass d=example.com s=big a=rsa-sha256");
    }

    @Test
    void aChangedBodyOrAnAddedFromFailsVerification() throws Exception {
        String signed = new String(Messages.signed(signer, domainWith(rsa), Messages.bytes(Messages.PLAIN)), StandardCharsets.UTF_8);

        String changedBody = signed.replace("attached", "attachec");
        String addedFrom = signed.replace("To: bob", "From: mallory@example.com\r\nTo: bob");
        assertThat(PythonDkimVerifier.verify(Messages.bytes(changedBody), published(rsa))).containsExactly("fail d=example.com s=s1 a=rsa-sha256");
        assertThat(PythonDkimVerifier.verify(Messages.bytes(addedFrom), published(rsa))).containsExactly("fail d=example.com s=s1 a=rsa-sha256");
    }

    @Test
    void whitespaceChangesOnTheWayStillVerify() throws Exception {
        String signed = new String(Messages.signed(signer, domainWith(rsa), Messages.bytes(Messages.PLAIN)), StandardCharsets.UTF_8);

        String refolded = signed.replace("Subject: quarterly\r\n  figures", "Subject:   quarterly figures")
            .replace("figures  are", "figures are").replace("\r\n\r\n\r\n", "\r\n");
        assertThat(PythonDkimVerifier.verify(Messages.bytes(refolded), published(rsa))).containsExactly("pass d=example.com s=s1 a=rsa-sha256");
    }

    @Test
    void aMailAlreadySignedWithTheSameSelectorIsNotSignedAgain() throws Exception {
        byte[] signed = Messages.signed(signer, domainWith(rsa), Messages.bytes(Messages.PLAIN));

        assertThat(Messages.signatures(signer, domainWith(rsa), signed)).isEmpty();
        assertThat(Messages.signatures(signer, domainWith(rsa, ed25519), signed)).singleElement().asString().contains("s=e1");
    }

    @Test
    void aSignatureOfAnotherDomainDoesNotCount() throws Exception {
        DkimKey other = DkimKey.generate("other.example", "s1", DkimAlgorithm.ED25519_SHA256, 0, true, Instant.EPOCH);
        byte[] signedElsewhere = Messages.signed(signer, new DkimDomain("other.example", false, FailureMode.HOLD, List.of(other)),
            Messages.bytes(Messages.PLAIN));

        assertThat(Messages.signatures(signer, domainWith(rsa), signedElsewhere)).hasSize(1);
    }
}
