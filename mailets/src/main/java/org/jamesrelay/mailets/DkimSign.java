package org.jamesrelay.mailets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePart;

import org.apache.james.jdkim.mailets.CRLFOutputStream;
import org.apache.james.jdkim.mailets.HeaderSkippingOutputStream;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.mailet.Mail;
import org.apache.mailet.base.Converter7Bit;
import org.apache.mailet.base.GenericMailet;
import org.jamesrelay.dkim.DkimDomain;
import org.jamesrelay.dkim.DkimKeyring;
import org.jamesrelay.dkim.DkimSigningException;
import org.jamesrelay.dkim.FailureMode;
import org.jamesrelay.dkim.MessageSigner;
import org.jamesrelay.james.dkim.DkimKeyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs relayed mail whose From: domain has active DKIM keys (or whose parent domain signs its subdomains), with
 * each active key that has not signed it yet; mail of other domains passes unchanged. It must be the last mailet
 * that changes the mail before it leaves. 8-bit parts are first converted to quoted-printable, as James would do it
 * for a next hop without 8BITMIME, which would break the signature. A mail that cannot be signed goes to
 * {@code failureProcessor} when its domain says {@code on-failure=hold} (the default), or leaves unsigned with a
 * warning ({@code send-unsigned}); while the keys were never read, every mail with a From: domain is held.
 */
public class DkimSign extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.dkim");

    private final DkimKeyService keys;
    private final RelayMetrics metrics;
    private final MessageSigner signer = new MessageSigner();
    private final Clock clock;
    private Converter7Bit converter;
    private String failureProcessor;

    @Inject
    public DkimSign(DkimKeyService keys, RelayMetrics metrics) {
        this(keys, metrics, Clock.systemUTC());
    }

    DkimSign(DkimKeyService keys, RelayMetrics metrics, Clock clock) {
        this.keys = keys;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        failureProcessor = Optional.ofNullable(getInitParameter("failureProcessor"))
            .orElseThrow(() -> new MessagingException("DkimSign needs <failureProcessor>"));
        converter = new Converter7Bit(getMailetContext());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> fromDomain = fromDomain(mail.getMessage());
        if (fromDomain.isEmpty()) {
            metrics.dkim("no_key");
            return;
        }
        Optional<DkimKeyring> keyring = keys.keyring();
        if (keyring.isEmpty()) {
            hold(mail, fromDomain.get(), "the DKIM keys could not be read from " + keys.sourceName() + " yet");
            return;
        }
        Optional<DkimDomain> signing = keyring.get().signerFor(fromDomain.get());
        if (signing.isEmpty()) {
            metrics.dkim("no_key");
            return;
        }
        TimeMetric timer = metrics.dkimTimer();
        try {
            metrics.dkim(sign(mail.getMessage(), signing.get()) ? "signed" : "already_signed");
            timer.stopAndPublish();
        } catch (DkimSigningException | MessagingException | IOException e) {
            String why = "cannot sign for d=" + signing.get().name() + ": " + e.getMessage();
            if (signing.get().onFailure() == FailureMode.HOLD) {
                hold(mail, fromDomain.get(), why);
            } else {
                metrics.dkim("sent_unsigned");
                LOGGER.warn("Mail {} from {} sent unsigned (on-failure=send-unsigned): {}", mail.getName(), fromDomain.get(), why);
            }
        }
    }

    /** Whether a signature was added: none when every active key has signed the mail already. */
    private boolean sign(MimeMessage message, DkimDomain domain) throws DkimSigningException, MessagingException, IOException {
        if (has8BitPart(message)) {
            converter.convertTo7Bit(message);
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (OutputStream crlf = new CRLFOutputStream(raw)) {
            message.writeTo(crlf);
        }
        // Read after writeTo, which may have updated headers (saveChanges), so that both describe the same mail.
        MessageHeaders headers = new MessageHeaders(message);
        List<String> signatures = signer.sign(domain, headers, body -> {
            OutputStream bodyOnly = new HeaderSkippingOutputStream(body);
            raw.writeTo(bodyOnly);
            bodyOnly.flush();
        }, clock.instant());
        if (signatures.isEmpty()) {
            return false;
        }
        prepend(message, signatures);
        LOGGER.debug("Signed for d={}: {} signature(s)", domain.name(), signatures.size());
        return true;
    }

    /** Whether James's converter would change the mail: it saves every mail it is given, even one it leaves alone. */
    private static boolean has8BitPart(MimePart part) throws MessagingException, IOException {
        if ("8bit".equals(part.getEncoding())) {
            return true;
        }
        if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart = (MimeMultipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                if (has8BitPart((MimePart) multipart.getBodyPart(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Signatures go on top, as each hop adds its trace fields; JavaMail can only append, so every field is set again. */
    private static void prepend(MimeMessage message, List<String> fields) throws MessagingException {
        List<String> existing = Collections.list(message.getAllHeaderLines());
        for (String line : existing) {
            message.removeHeader(line.substring(0, line.indexOf(':')).trim());
        }
        for (String field : fields) {
            message.addHeaderLine(field);
        }
        for (String line : existing) {
            message.addHeaderLine(line);
        }
    }

    private void hold(Mail mail, String fromDomain, String why) {
        metrics.dkim("held");
        LOGGER.error("Mail {} from {} not relayed, kept in processor {} (on-failure=hold): {}", mail.getName(), fromDomain, failureProcessor, why);
        mail.setErrorMessage("DKIM: " + why);
        mail.setState(failureProcessor);
    }

    static Optional<String> fromDomain(MimeMessage message) throws MessagingException {
        String from = message.getHeader("From", ",");
        if (from == null) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
            if (addresses.length == 0) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getMailetInfo() {
        return "James Relay DKIM signing";
    }
}
