package org.jamesrelay.mailets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.FilterAction;
import org.jamesrelay.core.FilterPolicy;
import org.jamesrelay.core.HeaderFilter;
import org.jamesrelay.filter.AttachmentPolicy;
import org.jamesrelay.filter.AttachmentStripper;
import org.jamesrelay.filter.FilterVerdict;
import org.jamesrelay.filter.HeaderScrubber;
import org.jamesrelay.filter.Inspection;
import org.jamesrelay.filter.MessageInspector;
import org.jamesrelay.james.MailAttributes;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front-end filter on accepted mail: for the recipients of each filter scope, removes the headers of its
 * {@code header-filter}, strips the attachments its {@code attachment-filter ... strip} rules match, and sends to
 * quarantine the mail its {@code quarantine} (or {@code reject}) rules match, the mail the antivirus flagged, and the
 * mail whose MIME cannot be read when the scope has attachment rules (fail closed). Then the mail goes on to
 * {@code passProcessor}, or to {@code quarantineProcessor}. Every change is named in an {@code X-Relay-Filter}
 * header and a log line of the logger {@code org.jamesrelay.filter}.
 */
public class FrontEndFilter extends GenericMailet {
    static final String FILTER_HEADER = "X-Relay-Filter";
    static final String ANTIVIRUS_HEADER = "X-Relay-Antivirus";
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.filter");

    private final RelayPolicyService policyService;
    private final RelayMetrics metrics;
    private String passProcessor;
    private String quarantineProcessor;

    @Inject
    public FrontEndFilter(RelayPolicyService policyService, RelayMetrics metrics) {
        this.policyService = policyService;
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        passProcessor = required("passProcessor");
        quarantineProcessor = required("quarantineProcessor");
    }

    /** The processors named in the parameters, for James to check at startup that each exists. */
    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(passProcessor), new ProcessingState(quarantineProcessor));
    }

    private String required(String name) throws MessagingException {
        return Optional.ofNullable(getInitParameter(name))
            .orElseThrow(() -> new MessagingException("FrontEndFilter needs <" + name + ">"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        FilterPolicy filters = policyService.policy().filters();
        Map<String, List<MailAddress>> recipientsByScope = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            recipientsByScope.computeIfAbsent(filters.scopeOf(recipient.getDomain().asString()), any -> new ArrayList<>()).add(recipient);
        }
        if (recipientsByScope.size() <= 1) {
            filter(mail, filters, recipientsByScope.keySet().stream().findFirst().orElse(FilterPolicy.DEFAULT_SCOPE));
            return;
        }
        for (Map.Entry<String, List<MailAddress>> scope : recipientsByScope.entrySet()) {
            Mail copy = mail.duplicate();
            try {
                // Each scope changes its own copy of the message, whatever copy-on-write the Mail implementation does.
                copy.setMessage(new MimeMessage(mail.getMessage()));
                copy.setRecipients(scope.getValue());
                filter(copy, filters, scope.getKey());
                getMailetContext().sendMail(copy, copy.getState());
            } finally {
                LifecycleUtil.dispose(copy);
            }
        }
        mail.setState(Mail.GHOST);
    }

    private void filter(Mail mail, FilterPolicy filters, String scope) {
        try {
            Optional<String> quarantine = apply(mail, filters, scope);
            if (quarantine.isPresent()) {
                quarantine(mail, scope, quarantine.get());
            } else {
                metrics.filterAction("pass");
                mail.setState(passProcessor);
            }
        } catch (MessagingException | RuntimeException e) {
            quarantine(mail, scope, "the filter failed: " + e.getMessage());
        }
    }

    /** Filters the mail in place; the reason to quarantine it, if it must be. */
    private Optional<String> apply(Mail mail, FilterPolicy filters, String scope) throws MessagingException {
        Optional<String> virus = AttributeUtils.getValueAndCastFromMail(mail, AttributeName.of(MailAttributes.VIRUS), String.class);
        if (virus.isPresent()) {
            return Optional.of("virus found (" + virus.get() + ")");
        }
        MimeMessage message = mail.getMessage();
        AttributeUtils.getValueAndCastFromMail(mail, AttributeName.of(MailAttributes.NOT_SCANNED), String.class)
            .ifPresent(problem -> setHeader(message, ANTIVIRUS_HEADER, "not scanned: " + problem));
        List<AttachmentRule> rules = filters.attachmentRules(scope);
        if (!rules.isEmpty()) {
            Inspection inspection = MessageInspector.inspect(message);
            FilterVerdict verdict = AttachmentPolicy.evaluate(inspection, rules);
            if (verdict.action().isEmpty() && inspection.unparseable().isPresent()) {
                return Optional.of("unparseable: " + inspection.unparseable().get());
            }
            if (verdict.action().isPresent() && verdict.action().get() != FilterAction.STRIP) {
                return Optional.of(verdict.summary());
            }
            if (verdict.action().isPresent()) {
                List<String> removed = AttachmentStripper.strip(message, verdict);
                setHeader(message, FILTER_HEADER, "stripped; " + verdict.summary());
                metrics.filterAction("strip");
                LOGGER.info("Stripped {} from mail {} from {} to {}: {}", removed, mail.getName(), mail.getMaybeSender().asString(),
                    mail.getRecipients(), verdict.summary());
            }
        }
        Optional<HeaderFilter> headerFilter = filters.headerFilter(scope);
        if (headerFilter.isPresent()) {
            List<String> removed = HeaderScrubber.scrub(message, headerFilter.get());
            if (!removed.isEmpty()) {
                metrics.filterAction("header_removal");
                LOGGER.info("Removed headers {} from mail {} to {}", removed, mail.getName(), mail.getRecipients());
            }
        }
        return Optional.empty();
    }

    private void quarantine(Mail mail, String scope, String reason) {
        LOGGER.warn("Quarantined mail {} from {} to {} (scope {}): {}", mail.getName(), mail.getMaybeSender().asString(),
            mail.getRecipients(), scope, reason);
        try {
            setHeader(mail.getMessage(), FILTER_HEADER, "quarantined; " + reason);
        } catch (MessagingException e) {
            LOGGER.warn("Quarantined mail {} could not be marked with {}: {}", mail.getName(), FILTER_HEADER, e.getMessage());
        }
        mail.setErrorMessage("quarantined by James Relay: " + reason);
        mail.setState(quarantineProcessor);
        metrics.filterAction("quarantine");
    }

    private static void setHeader(MimeMessage message, String name, String value) {
        try {
            message.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot set " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "James Relay front-end filter";
    }
}
