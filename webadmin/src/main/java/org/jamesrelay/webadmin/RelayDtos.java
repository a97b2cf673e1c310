package org.jamesrelay.webadmin;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jamesrelay.core.AddressPattern;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.SenderLogin;
import org.jamesrelay.core.SmtpReply;
import org.jamesrelay.core.TrustedNetwork;
import org.jamesrelay.store.AuditEntry;

/**
 * What the {@code /relay} routes answer, rendered by James's {@code JsonTransformer}: properties in the order of the
 * fields.
 */
public final class RelayDtos {
    private RelayDtos() {
    }

    private static List<String> strings(List<AddressPattern> patterns) {
        return patterns.stream().map(AddressPattern::asString).collect(Collectors.toList());
    }

    public static final class NetworkDto {
        private final String network;
        private final List<String> senders;
        private final boolean servedSendersOnly;

        NetworkDto(TrustedNetwork network) {
            this.network = network.cidr().asString();
            this.senders = strings(network.senders());
            this.servedSendersOnly = network.servedSendersOnly();
        }

        public String getNetwork() {
            return network;
        }

        /** Empty: any sender. */
        public List<String> getSenders() {
            return senders;
        }

        public boolean isServedSendersOnly() {
            return servedSendersOnly;
        }
    }

    public static final class DomainDto {
        private final String domain;
        private final List<String> recipients;

        /** @param recipients empty when the domain accepts any recipient */
        DomainDto(String domain, Optional<List<String>> recipients) {
            this.domain = domain;
            this.recipients = recipients.orElse(null);
        }

        public String getDomain() {
            return domain;
        }

        /** null: any recipient of the domain is accepted. */
        public List<String> getRecipients() {
            return recipients;
        }
    }

    public static final class SenderDto {
        private final String login;
        private final List<String> owns;
        private final boolean servedSendersOnly;

        SenderDto(SenderLogin login) {
            this.login = login.login();
            this.owns = strings(login.owns());
            this.servedSendersOnly = login.servedSendersOnly();
        }

        public String getLogin() {
            return login;
        }

        public List<String> getOwns() {
            return owns;
        }

        public boolean isServedSendersOnly() {
            return servedSendersOnly;
        }
    }

    public static final class SettingsDto {
        private final String relayMode;
        private final String authenticatedRelay;
        private final boolean authenticatedRelayServedSendersOnly;
        private final boolean servedSendersOnly;
        private final boolean localSendersRequireLogin;

        SettingsDto(RelayPolicy policy) {
            this.relayMode = policy.relayMode().keyword();
            this.authenticatedRelay = policy.authenticatedRelay().mode().keyword();
            this.authenticatedRelayServedSendersOnly = policy.authenticatedRelay().servedSendersOnly();
            this.servedSendersOnly = policy.servedSendersOnly();
            this.localSendersRequireLogin = policy.localSendersRequireLogin();
        }

        public String getRelayMode() {
            return relayMode;
        }

        public String getAuthenticatedRelay() {
            return authenticatedRelay;
        }

        public boolean isAuthenticatedRelayServedSendersOnly() {
            return authenticatedRelayServedSendersOnly;
        }

        public boolean isServedSendersOnly() {
            return servedSendersOnly;
        }

        public boolean isLocalSendersRequireLogin() {
            return localSendersRequireLogin;
        }
    }

    public static final class ReplyDto {
        private final int code;
        private final String enhancedStatus;
        private final String text;

        ReplyDto(SmtpReply reply) {
            this.code = reply.code();
            this.enhancedStatus = reply.enhancedStatus();
            this.text = reply.text();
        }

        public int getCode() {
            return code;
        }

        public String getEnhancedStatus() {
            return enhancedStatus;
        }

        public String getText() {
            return text;
        }
    }

    public static class DecisionDto {
        private final String verdict;
        private final boolean accepted;
        private final ReplyDto reply;
        private final String rule;
        private final String warning;

        DecisionDto(Decision decision) {
            this.verdict = decision.verdict().name();
            this.accepted = decision.isAccepted();
            this.reply = new ReplyDto(decision.reply());
            this.rule = decision.ruleId();
            this.warning = decision.warning().orElse(null);
        }

        public String getVerdict() {
            return verdict;
        }

        public boolean isAccepted() {
            return accepted;
        }

        public ReplyDto getReply() {
            return reply;
        }

        public String getRule() {
            return rule;
        }

        public String getWarning() {
            return warning;
        }
    }

    public static final class ExplanationDto extends DecisionDto {
        private final long policyVersion;
        private final DecisionDto senderDecision;
        private final String route;
        private final String note;

        ExplanationDto(Decision recipient, Decision sender, long policyVersion, String note) {
            super(recipient);
            this.policyVersion = policyVersion;
            this.senderDecision = new DecisionDto(sender);
            this.route = null;
            this.note = note;
        }

        public long getPolicyVersion() {
            return policyVersion;
        }

        public DecisionDto getSenderDecision() {
            return senderDecision;
        }

        /** Always null: routes (transport maps) are not part of the policy yet. */
        public String getRoute() {
            return route;
        }

        public String getNote() {
            return note;
        }
    }

    public static final class AuditDto {
        private final String at;
        private final long version;
        private final String actor;
        private final String action;
        private final String before;
        private final String after;

        AuditDto(AuditEntry entry) {
            this.at = entry.at().toString();
            this.version = entry.version();
            this.actor = entry.change().actor();
            this.action = entry.change().action();
            this.before = entry.change().before();
            this.after = entry.change().after();
        }

        public String getAt() {
            return at;
        }

        public long getVersion() {
            return version;
        }

        public String getActor() {
            return actor;
        }

        public String getAction() {
            return action;
        }

        public String getBefore() {
            return before;
        }

        public String getAfter() {
            return after;
        }
    }
}
