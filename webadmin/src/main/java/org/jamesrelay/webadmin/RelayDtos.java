package org.jamesrelay.webadmin;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jamesrelay.core.AddressPattern;
import org.jamesrelay.core.Antivirus;
import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.FilterPolicy;
import org.jamesrelay.core.HeaderFilter;
import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.SenderLogin;
import org.jamesrelay.core.SmtpReply;
import org.jamesrelay.core.Transport;
import org.jamesrelay.core.TrustedNetwork;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.webadmin.dto.DkimExplanationDto;
import org.jamesrelay.webadmin.dto.LimitsDto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

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
        private final boolean wide;

        NetworkDto(TrustedNetwork network) {
            this.network = network.cidr().asString();
            this.senders = strings(network.senders());
            this.servedSendersOnly = network.servedSendersOnly();
            this.wide = network.isWide();
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

        /** Wider than /8 (IPv4) or /16 (IPv6): trusted only because the request said so. */
        public boolean isWide() {
            return wide;
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
        private final boolean senderRoutesFirst;

        SettingsDto(RelayPolicy policy) {
            this.relayMode = policy.relayMode().keyword();
            this.authenticatedRelay = policy.authenticatedRelay().mode().keyword();
            this.authenticatedRelayServedSendersOnly = policy.authenticatedRelay().servedSendersOnly();
            this.servedSendersOnly = policy.servedSendersOnly();
            this.localSendersRequireLogin = policy.localSendersRequireLogin();
            this.senderRoutesFirst = policy.routes().senderRoutesFirst();
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

        public boolean isSenderRoutesFirst() {
            return senderRoutesFirst;
        }
    }

    /** How mail leaves on a route; as {@code /relay/explain} gives the route of a recipient. */
    public static class RouteDto {
        private final String rule;
        private final List<String> hops;
        private final boolean direct;
        private final String tls;
        private final String credentials;
        private final String balance;

        RouteDto(Route route) {
            Transport transport = route.transport();
            this.rule = route.ruleId();
            this.hops = transport.hops().stream().map(NextHop::asString).collect(Collectors.toList());
            this.direct = transport.isDirect();
            this.tls = transport.tls().keyword();
            this.credentials = transport.credentials().orElse(null);
            this.balance = transport.balance().keyword();
        }

        /** A route of {@code /relay/routes} or {@code /relay/sender-routes}, with what it is for. */
        static RouteDto listed(Route route) {
            return route.kind().bySender() ? new SenderRouteDto(route) : new RecipientRouteDto(route);
        }

        public String getRule() {
            return rule;
        }

        /** Empty for direct delivery. */
        public List<String> getHops() {
            return hops;
        }

        /** Delivered to the MX of the recipient's domain. */
        public boolean isDirect() {
            return direct;
        }

        public String getTls() {
            return tls;
        }

        /** The name of the upstream login, null for none: the secret stays in the credentials file of each node. */
        public String getCredentials() {
            return credentials;
        }

        public String getBalance() {
            return balance;
        }

        static String kind(Route.Kind kind) {
            switch (kind) {
                case RECIPIENT_ADDRESS:
                case SENDER_ADDRESS:
                    return "address";
                case RECIPIENT_SUBDOMAINS:
                    return "subdomains";
                case DEFAULT:
                    return "default";
                default:
                    return "domain";
            }
        }
    }

    @JsonPropertyOrder({"destination", "kind"})
    public static final class RecipientRouteDto extends RouteDto {
        private final String destination;
        private final String kind;

        RecipientRouteDto(Route route) {
            super(route);
            this.destination = route.key();
            this.kind = kind(route.kind());
        }

        public String getDestination() {
            return destination;
        }

        /** {@code address}, {@code domain}, {@code subdomains} or {@code default}. */
        public String getKind() {
            return kind;
        }
    }

    @JsonPropertyOrder({"sender", "kind"})
    public static final class SenderRouteDto extends RouteDto {
        private final String sender;
        private final String kind;

        SenderRouteDto(Route route) {
            super(route);
            this.sender = route.key();
            this.kind = kind(route.kind());
        }

        public String getSender() {
            return sender;
        }

        /** {@code address} or {@code domain}. */
        public String getKind() {
            return kind;
        }
    }

    public static final class RouteTableDto {
        private final boolean senderRoutesFirst;
        private final List<RouteDto> routes;
        private final List<RouteDto> senderRoutes;

        RouteTableDto(boolean senderRoutesFirst, List<Route> routes, List<Route> senderRoutes) {
            this.senderRoutesFirst = senderRoutesFirst;
            this.routes = listed(routes);
            this.senderRoutes = listed(senderRoutes);
        }

        static List<RouteDto> listed(List<Route> routes) {
            return routes.stream().map(RouteDto::listed).collect(Collectors.toList());
        }

        public boolean isSenderRoutesFirst() {
            return senderRoutesFirst;
        }

        public List<RouteDto> getRoutes() {
            return routes;
        }

        public List<RouteDto> getSenderRoutes() {
            return senderRoutes;
        }
    }

    /** The front-end filter: the scopes with filter entries, in policy order with {@code *} last, and the antivirus. */
    public static final class FiltersDto {
        private final List<FilterScopeDto> scopes;
        private final AntivirusDto antivirus;

        FiltersDto(List<FilterScopeDto> scopes, Optional<Antivirus> antivirus) {
            this.scopes = List.copyOf(scopes);
            this.antivirus = antivirus.map(AntivirusDto::new).orElse(null);
        }

        public List<FilterScopeDto> getScopes() {
            return scopes;
        }

        /** Null: mail is not scanned. */
        public AntivirusDto getAntivirus() {
            return antivirus;
        }
    }

    public static final class FilterScopeDto {
        private final String scope;
        private final List<AttachmentRuleDto> attachmentRules;
        private final HeaderFilterDto headerFilter;

        private FilterScopeDto(String scope, List<AttachmentRule> attachmentRules, Optional<HeaderFilter> headerFilter) {
            this.scope = scope;
            this.attachmentRules = attachmentRules.stream().map(AttachmentRuleDto::new).collect(Collectors.toList());
            this.headerFilter = headerFilter.map(HeaderFilterDto::new).orElse(null);
        }

        /** Empty when {@code scope} has no filter entry. */
        static Optional<FilterScopeDto> of(String scope, FilterPolicy filters) {
            List<AttachmentRule> rules = filters.attachmentRules(scope);
            Optional<HeaderFilter> headerFilter = filters.headerFilter(scope);
            return rules.isEmpty() && headerFilter.isEmpty() ? Optional.empty() : Optional.of(new FilterScopeDto(scope, rules, headerFilter));
        }

        /** {@code *} or a recipient domain. */
        public String getScope() {
            return scope;
        }

        public List<AttachmentRuleDto> getAttachmentRules() {
            return attachmentRules;
        }

        /** Null: no header is removed. */
        public HeaderFilterDto getHeaderFilter() {
            return headerFilter;
        }
    }

    public static final class AttachmentRuleDto {
        private final String action;
        private final List<String> names;
        private final List<String> types;
        private final List<String> sniffed;
        private final boolean encryptedArchives;
        private final Long largerThan;
        private final boolean unparseable;
        private final String rule;

        AttachmentRuleDto(AttachmentRule rule) {
            this.action = rule.action().keyword();
            this.names = rule.names();
            this.types = rule.types();
            this.sniffed = rule.sniffed().stream().sorted().collect(Collectors.toList());
            this.encryptedArchives = rule.encryptedArchives();
            this.largerThan = rule.largerThan().isPresent() ? rule.largerThan().getAsLong() : null;
            this.unparseable = rule.unparseable();
            this.rule = rule.ruleId();
        }

        public String getAction() {
            return action;
        }

        public List<String> getNames() {
            return names;
        }

        public List<String> getTypes() {
            return types;
        }

        public List<String> getSniffed() {
            return sniffed;
        }

        public boolean isEncryptedArchives() {
            return encryptedArchives;
        }

        /** Bytes; null: no size condition. */
        public Long getLargerThan() {
            return largerThan;
        }

        public boolean isUnparseable() {
            return unparseable;
        }

        /**
         * {@code attachment-filter:relay.test:strip}, as the policy names its rules; not a key: a scope may have
         * several rules with one action.
         */
        public String getRule() {
            return rule;
        }
    }

    public static final class HeaderFilterDto {
        private final List<String> remove;

        HeaderFilterDto(HeaderFilter filter) {
            this.remove = filter.removed();
        }

        /** Names and {@code PREFIX*}, in lower case. */
        public List<String> getRemove() {
            return remove;
        }
    }

    public static final class AntivirusDto {
        private final String clamd;
        private final long timeoutMillis;
        private final String onVirus;
        private final String onFailure;

        AntivirusDto(Antivirus antivirus) {
            this.clamd = antivirus.clamd().asString();
            this.timeoutMillis = antivirus.timeout().toMillis();
            this.onVirus = antivirus.onVirus().keyword();
            this.onFailure = antivirus.onFailure().keyword();
        }

        public String getClamd() {
            return clamd;
        }

        public long getTimeoutMillis() {
            return timeoutMillis;
        }

        public String getOnVirus() {
            return onVirus;
        }

        public String getOnFailure() {
            return onFailure;
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
        private final RouteDto route;
        private final String note;
        private final DkimExplanationDto dkim;
        private final LimitsDto limits;

        ExplanationDto(Decision recipient, Decision sender, long policyVersion, Optional<Route> route, String note,
                       DkimExplanationDto dkim, LimitsDto limits) {
            super(recipient);
            this.policyVersion = policyVersion;
            this.senderDecision = new DecisionDto(sender);
            this.route = route.map(RouteDto::new).orElse(null);
            this.note = note;
            this.dkim = dkim;
            this.limits = limits;
        }

        /** Whether relayed mail would be signed; null when nothing would be relayed. */
        public DkimExplanationDto getDkim() {
            return dkim;
        }

        /** The abuse limits the client meets, with their counts on this node. */
        public LimitsDto getLimits() {
            return limits;
        }

        public long getPolicyVersion() {
            return policyVersion;
        }

        public DecisionDto getSenderDecision() {
            return senderDecision;
        }

        /** Null when the recipient is refused or delivered locally. */
        public RouteDto getRoute() {
            return route;
        }

        /** Why there is no route; null when there is one. */
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
