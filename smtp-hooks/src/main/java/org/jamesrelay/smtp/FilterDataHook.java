package org.jamesrelay.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.jamesrelay.core.Antivirus;
import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.FilterAction;
import org.jamesrelay.core.FilterPolicy;
import org.jamesrelay.filter.AttachmentPolicy;
import org.jamesrelay.filter.ClamdClient;
import org.jamesrelay.filter.ClamdUnavailableException;
import org.jamesrelay.filter.FilterVerdict;
import org.jamesrelay.filter.MessageInspector;
import org.jamesrelay.filter.ScanResult;
import org.jamesrelay.james.MailAttributes;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End of DATA: refuses with {@code 554 5.7.1} the mail an {@code attachment-filter ... reject} rule of any of its
 * recipients' scopes matches, and runs the antivirus. Stripping and quarantine happen later, in the
 * {@code FrontEndFilter} mailet: only a refusal must be given while the client waits.
 */
public class FilterDataHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.filter");

    private final RelayPolicyService policyService;
    private final RelayMetrics metrics;

    @Inject
    public FilterDataHook(RelayPolicyService policyService, RelayMetrics metrics) {
        this.policyService = policyService;
        this.metrics = metrics;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        FilterPolicy filters = policyService.policy().filters();
        if (filters.isEmpty()) {
            return HookResult.DECLINED;
        }
        try {
            HookResult attachments = checkAttachments(filters, mail);
            if (attachments != HookResult.DECLINED) {
                return attachments;
            }
            return filters.antivirus().map(antivirus -> scan(antivirus, mail)).orElse(HookResult.DECLINED);
        } catch (MessagingException e) {
            LOGGER.warn("Mail from {} refused for now: its content cannot be read: {}", mail.getMaybeSender().asString(), e.getMessage());
            return result(HookReturnCode.denySoft(), "451", "4.3.0 Message not accepted now: its content cannot be read, try again later");
        }
    }

    private HookResult checkAttachments(FilterPolicy filters, Mail mail) throws MessagingException {
        List<AttachmentRule> rejecting = scopesOf(filters, mail).stream()
            .flatMap(scope -> filters.attachmentRules(scope).stream())
            .filter(rule -> rule.action() == FilterAction.REJECT)
            .collect(Collectors.toList());
        if (rejecting.isEmpty()) {
            return HookResult.DECLINED;
        }
        FilterVerdict verdict = AttachmentPolicy.evaluate(MessageInspector.inspect(mail.getMessage()), rejecting);
        if (verdict.action().isEmpty()) {
            return HookResult.DECLINED;
        }
        LOGGER.info("Rejected mail from {} to {}: {}", mail.getMaybeSender().asString(), mail.getRecipients(), verdict.summary());
        metrics.filterAction("reject");
        return result(HookReturnCode.deny(), "554", "5.7.1 Message rejected: " + verdict.summary());
    }

    private static Set<String> scopesOf(FilterPolicy filters, Mail mail) {
        Set<String> scopes = new LinkedHashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            scopes.add(filters.scopeOf(recipient.getDomain().asString()));
        }
        return scopes;
    }

    private HookResult scan(Antivirus antivirus, Mail mail) {
        ClamdClient clamd = new ClamdClient(antivirus.clamd().host(), antivirus.clamd().port(), antivirus.timeout());
        TimeMetric timer = metrics.antivirusTimer();
        try (InputStream content = new MimeMessageInputStream(mail.getMessage())) {
            ScanResult result = clamd.scan(content);
            timer.stopAndPublish();
            metrics.antivirusScan(result.isInfected() ? "virus" : "clean");
            if (!result.isInfected()) {
                return HookResult.DECLINED;
            }
            String signature = result.signature().orElse("unknown");
            if (antivirus.onVirus() == FilterAction.REJECT) {
                LOGGER.info("Rejected mail from {} to {}: virus {}", mail.getMaybeSender().asString(), mail.getRecipients(), signature);
                return result(HookReturnCode.deny(), "554", "5.7.1 Message rejected: virus found (" + signature + ")");
            }
            mail.setAttribute(new Attribute(AttributeName.of(MailAttributes.VIRUS), AttributeValue.of(signature)));
            return HookResult.DECLINED;
        } catch (ClamdUnavailableException | MessagingException | IOException | UncheckedIOException e) {
            metrics.antivirusScan("failed");
            return scanFailed(antivirus, mail, e.getMessage());
        }
    }

    private HookResult scanFailed(Antivirus antivirus, Mail mail, String problem) {
        if (antivirus.onFailure() == Antivirus.OnFailure.ACCEPT) {
            LOGGER.warn("Mail from {} to {} accepted without virus scan (on-failure=accept): {}",
                mail.getMaybeSender().asString(), mail.getRecipients(), problem);
            mail.setAttribute(new Attribute(AttributeName.of(MailAttributes.NOT_SCANNED), AttributeValue.of(problem)));
            return HookResult.DECLINED;
        }
        LOGGER.warn("Mail from {} to {} refused for now: virus scan failed: {}", mail.getMaybeSender().asString(), mail.getRecipients(), problem);
        return result(HookReturnCode.denySoft(), "451", "4.7.1 Message not accepted now: virus scanner unavailable, try again later");
    }

    private static HookResult result(HookReturnCode code, String smtpCode, String description) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(description).build();
    }
}
