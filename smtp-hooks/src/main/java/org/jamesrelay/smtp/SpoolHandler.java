package org.jamesrelay.smtp;

import static org.apache.james.smtpserver.futurerelease.FutureReleaseMailParameterHook.FUTURERELEASE_HOLDFOR;

import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.james.smtpserver.futurerelease.FutureReleaseParameters;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the accepted mail in James's spool, in place of James's {@code SendMailHandler}: the 250 is given only once
 * the queue holds the mail (on a durable queue, on disk). When it cannot, the client is told to try again with the
 * reason Postfix gives: {@code 452 4.3.1} when storage is full, {@code 451 4.3.0} for any other failure.
 */
public class SpoolHandler implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpoolHandler.class);

    private final MailQueueFactory<?> queueFactory;
    private MailQueue spool;

    @Inject
    public SpoolHandler(MailQueueFactory<?> queueFactory) {
        this.queueFactory = queueFactory;
    }

    /** The queue is the factory's, shared with the spooler: the factory closes it when James stops. */
    @Override
    public void init(Configuration config) {
        spool = queueFactory.createQueue(MailQueueFactory.SPOOL);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<Duration> holdFor = session.getAttachment(FUTURERELEASE_HOLDFOR, ProtocolSession.State.Transaction)
            .map(FutureReleaseParameters.HoldFor::value);
        try {
            if (holdFor.isPresent()) {
                spool.enQueue(mail, holdFor.get());
            } else {
                spool.enQueue(mail);
            }
        } catch (Exception e) {
            return refusal(session, mail, e);
        }
        LOGGER.info("Queued mail {} from {} on {} for {}", mail.getName(), mail.getMaybeSender().asString(),
            session.getRemoteAddress().getAddress().getHostAddress(), mail.getRecipients());
        SessionErrors.of(session).messageDelivered();
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.ok())
            .smtpReturnCode("250")
            .smtpDescription("2.6.0 Message received")
            .build();
    }

    private static HookResult refusal(SMTPSession session, Mail mail, Exception failure) {
        boolean storageFull = SpoolFailure.isStorageFull(failure);
        LOGGER.error("Mail from {} on {} not accepted: it could not be queued ({}): {}", mail.getMaybeSender().asString(),
            session.getRemoteAddress().getAddress().getHostAddress(), storageFull ? "storage full" : "queue failure",
            SpoolFailure.describe(failure));
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode(storageFull ? "452" : "451")
            .smtpDescription(storageFull
                ? "4.3.1 Insufficient system storage, try again later"
                : "4.3.0 Mail system temporarily unavailable, try again later")
            .build();
    }
}
