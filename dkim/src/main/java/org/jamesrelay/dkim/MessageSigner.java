package org.jamesrelay.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;

/**
 * Signs a mail with the active keys of its signing domain, relaxed/relaxed, through jdkim: jdkim canonicalizes
 * and hashes the body and the headers, and formats the signature; the signature itself comes from the key (see
 * {@link Ed25519Sha256Signature} for why not jdkim's {@code DKIMSigner}). The body is hashed once for all the keys.
 * It extends {@link DKIMCommon} only to reach its header canonicalization.
 */
public final class MessageSigner extends DKIMCommon {
    private static final String SIGNATURE_FIELD = "dkim-signature";

    /**
     * The {@code DKIM-Signature:} fields to add above the headers, one per active key of {@code domain} that has not
     * signed this mail yet; none when every key already did.
     */
    public List<String> sign(DkimDomain domain, Headers headers, BodyWriter body, Instant now) throws DkimSigningException {
        List<DkimKey> keys = domain.activeKeys().stream()
            .filter(key -> !alreadySignedBy(headers, key))
            .collect(Collectors.toList());
        if (keys.isEmpty()) {
            return List.of();
        }
        String signedHeaders = SignedHeaders.of(headers.getFields());
        try {
            byte[] bodyHash = bodyHash(template(keys.get(0), signedHeaders, now), body);
            List<String> fields = new ArrayList<>();
            for (DkimKey key : keys) {
                fields.add(signature(key, template(key, signedHeaders, now), bodyHash, headers));
            }
            return fields;
        } catch (IOException | GeneralSecurityException | PermFailException | RuntimeException e) {
            throw new DkimSigningException("cannot sign for " + domain.name() + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /** Whether the mail carries a signature of this domain and selector: it went through here already. */
    static boolean alreadySignedBy(Headers headers, DkimKey key) {
        for (String field : headers.getFields(SIGNATURE_FIELD)) {
            try {
                SignatureRecord record = new SignatureRecordImpl(field.substring(field.indexOf(':') + 1));
                if (key.domain().equalsIgnoreCase(record.getDToken().toString()) && key.selector().equalsIgnoreCase(record.getSelector().toString())) {
                    return true;
                }
            } catch (RuntimeException e) {
                // Not a signature we can read, so not one of ours.
            }
        }
        return false;
    }

    private static SignatureRecord template(DkimKey key, String signedHeaders, Instant now) {
        return new SignatureRecordImpl("v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d=" + key.domain()
            + "; s=" + key.selector() + "; t=" + now.getEpochSecond() + "; h=" + signedHeaders + "; bh=; b=;");
    }

    private static byte[] bodyHash(SignatureRecord record, BodyWriter body) throws IOException, PermFailException {
        BodyHasherImpl hasher = new BodyHasherImpl(record);
        try (OutputStream out = hasher.getOutputStream()) {
            body.writeTo(out);
        }
        return hasher.getDigest();
    }

    private static String signature(DkimKey key, SignatureRecord record, byte[] bodyHash, Headers headers)
        throws GeneralSecurityException, PermFailException {
        record.setBodyHash(bodyHash);
        Signature signature = key.newSignature();
        signatureCheck(headers, record, record.getHeaders(), signature);
        record.setSignature(signature.sign());
        // One tag a line, so that a 4096-bit signature stays far below the 998 characters a line may have; relaxed
        // canonicalization unfolds it to what was signed.
        return "DKIM-Signature: " + record.toString().replace("; ", ";\r\n\t");
    }
}
