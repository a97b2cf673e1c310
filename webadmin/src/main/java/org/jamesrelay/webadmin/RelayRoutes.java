package org.jamesrelay.webadmin;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesrelay.core.Cidr;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.IpAddresses;
import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.Verdict;
import org.jamesrelay.james.InvalidPolicyEditException;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;
import org.jamesrelay.webadmin.RelayDtos.AuditDto;
import org.jamesrelay.webadmin.RelayDtos.DomainDto;
import org.jamesrelay.webadmin.RelayDtos.ExplanationDto;
import org.jamesrelay.webadmin.RelayDtos.NetworkDto;
import org.jamesrelay.webadmin.RelayDtos.SenderDto;
import org.jamesrelay.webadmin.RelayDtos.SettingsDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The relay policy through WebAdmin, under {@code /relay}: list, add, change and remove every kind of entry, export
 * and import the whole policy, explain a decision, read the audit trail. Listings read the stored policy, so that a
 * change is visible at once; every write goes through {@link PolicyEditor}, which validates the whole policy, writes
 * it only if nobody changed it meanwhile, and records one audit entry (before and after: the entry lines) per change.
 * See {@code docs/webadmin.md}.
 */
public class RelayRoutes implements Routes {
    public static final String BASE_PATH = "/relay";
    /** Who makes the change, for the audit trail; the command line sends the operating system user. */
    public static final String ACTOR_HEADER = "X-Relay-Actor";
    public static final String DEFAULT_ACTOR = "webadmin";
    /** The version of the stored policy, on GET /relay/policy and after each write (also as the ETag). */
    public static final String VERSION_HEADER = "X-Relay-Policy-Version";
    /** The version of the policy in force on this node, on GET /relay/policy. */
    public static final String APPLIED_VERSION_HEADER = "X-Relay-Policy-Applied-Version";
    static final int DEFAULT_AUDIT_LIMIT = 100;
    static final int MAX_AUDIT_LIMIT = 10_000;
    private static final int MAX_ACTOR_LENGTH = 128;

    private static final Logger LOGGER = LoggerFactory.getLogger(RelayRoutes.class);

    private static final String NETWORKS = BASE_PATH + "/networks";
    private static final String NETWORK = NETWORKS + "/:network";
    private static final String DOMAINS = BASE_PATH + "/domains";
    private static final String DOMAIN = DOMAINS + "/:domain";
    private static final String RECIPIENTS = DOMAIN + "/recipients";
    private static final String RECIPIENT = RECIPIENTS + "/:address";
    private static final String SENDERS = BASE_PATH + "/senders";
    private static final String SENDER = SENDERS + "/:login";
    private static final String SETTINGS = BASE_PATH + "/settings";
    private static final String SETTING = SETTINGS + "/:name";
    private static final String POLICY = BASE_PATH + "/policy";
    private static final String EXPLAIN = BASE_PATH + "/explain";
    private static final String AUDIT = BASE_PATH + "/audit";

    private static final Set<String> NETWORK_FIELDS = Set.of("senders", "servedSendersOnly");
    private static final Set<String> SENDER_FIELDS = Set.of("owns", "servedSendersOnly");
    private static final Set<String> EXPLAIN_FIELDS = Set.of("client", "helo", "login", "tls", "authOffered", "sender", "recipient");

    private final Lazy<PolicyEditor> editor;
    private final Lazy<RelayPolicyService> policyService;
    private final JsonTransformer jsonTransformer;

    /**
     * For Guice. James builds the WebAdmin routes while its injector is created, before its DomainList is configured:
     * the policy service, which reads the DomainList when it is built, is only asked for at the first request.
     */
    @Inject
    public RelayRoutes(Provider<PolicyEditor> editor, Provider<RelayPolicyService> policyService, JsonTransformer jsonTransformer) {
        this.editor = new Lazy<>(editor);
        this.policyService = new Lazy<>(policyService);
        this.jsonTransformer = jsonTransformer;
    }

    public RelayRoutes(PolicyEditor editor, RelayPolicyService policyService, JsonTransformer jsonTransformer) {
        this(() -> editor, () -> policyService, jsonTransformer);
    }

    /** The instance of a provider, asked for once, when first needed. */
    private static final class Lazy<T> {
        private final Provider<T> provider;
        private volatile T instance;

        Lazy(Provider<T> provider) {
            this.provider = provider;
        }

        T get() {
            T current = instance;
            if (current == null) {
                synchronized (this) {
                    current = instance;
                    if (current == null) {
                        current = Objects.requireNonNull(provider.get());
                        instance = current;
                    }
                }
            }
            return current;
        }
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(NETWORKS, (request, response) -> current().networks(), jsonTransformer);
        service.get(NETWORK, this::getNetwork, jsonTransformer);
        service.put(NETWORK, this::putNetwork);
        service.delete(NETWORK, this::deleteNetwork);

        service.get(DOMAINS, (request, response) -> current().domains(), jsonTransformer);
        service.get(DOMAIN, this::getDomain, jsonTransformer);
        service.put(DOMAIN, this::putDomain);
        service.delete(DOMAIN, this::deleteDomain);
        service.get(RECIPIENTS, (request, response) -> getDomain(request, response).getRecipients(), jsonTransformer);
        service.put(RECIPIENT, this::putRecipient);
        service.delete(RECIPIENT, this::deleteRecipient);

        service.get(SENDERS, (request, response) -> current().senders(), jsonTransformer);
        service.get(SENDER, this::getSender, jsonTransformer);
        service.put(SENDER, this::putSender);
        service.delete(SENDER, this::deleteSender);

        service.get(SETTINGS, (request, response) -> new SettingsDto(current().policy), jsonTransformer);
        service.put(SETTING, this::putSetting);

        service.get(POLICY, this::exportPolicy);
        service.put(POLICY, this::importPolicy);

        service.post(EXPLAIN, (request, response) -> explain(explainBody(request)), jsonTransformer);
        service.get(EXPLAIN, (request, response) -> explain(explainQuery(request)), jsonTransformer);

        service.get(AUDIT, this::audit, jsonTransformer);
    }

    // ---- reading

    /** The stored policy, read as a document and as a policy. */
    private static final class Current {
        private final PolicyDocument document;
        private final RelayPolicy policy;

        private Current(PolicyDocument document, RelayPolicy policy) {
            this.document = document;
            this.policy = policy;
        }

        List<NetworkDto> networks() {
            return policy.trustedNetworks().stream().map(NetworkDto::new).collect(Collectors.toList());
        }

        /** In the order of the policy text. */
        List<DomainDto> domains() {
            return document.entries(PolicyValues.RELAY_DOMAIN).stream()
                .map(entry -> PolicyValues.tryDomain(entry.value()))
                .flatMap(Optional::stream)
                .distinct()
                .map(this::domain)
                .flatMap(Optional::stream)
                .collect(Collectors.toList());
        }

        Optional<DomainDto> domain(String name) {
            return policy.relayDomain(name).map(domain -> new DomainDto(name, domain.recipients().map(any -> recipients(name))));
        }

        private List<String> recipients(String domain) {
            return document.entries(PolicyValues.RELAY_RECIPIENT).stream()
                .map(entry -> PolicyValues.tryAddress(entry.value()))
                .flatMap(Optional::stream)
                .filter(address -> address.domain().equals(domain))
                .map(EnvelopeAddress::key)
                .distinct()
                .collect(Collectors.toList());
        }

        /** In the order of the policy text. */
        List<SenderDto> senders() {
            return document.entries(PolicyValues.SENDER_LOGIN).stream()
                .map(entry -> entry.value().toLowerCase(Locale.ROOT))
                .distinct()
                .map(policy::senderLogin)
                .flatMap(Optional::stream)
                .map(SenderDto::new)
                .collect(Collectors.toList());
        }
    }

    private Current current() {
        PolicyDocument document = storedDocument();
        return new Current(document, parse(document));
    }

    private PolicyDocument storedDocument() {
        try {
            return editor.get().document();
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    private RelayPolicy parse(PolicyDocument document) {
        try {
            return document.toPolicy(policyService.get().sourceName());
        } catch (PolicyFileException e) {
            throw error(HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE, "the stored relay policy is invalid (replace it with PUT "
                + POLICY + "): line " + e.line() + ": '" + e.entry() + "': " + e.problem());
        }
    }

    private NetworkDto getNetwork(Request request, Response response) {
        Cidr cidr = badRequestUnless(() -> PolicyValues.network(request.params("network")));
        return current().policy.trustedNetworks().stream()
            .filter(network -> network.cidr().equals(cidr))
            .findFirst()
            .map(NetworkDto::new)
            .orElseThrow(() -> notFound("network " + cidr.asString() + " is not a trusted network"));
    }

    private DomainDto getDomain(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        return current().domain(domain).orElseThrow(() -> notFound(domain + " is not a relay domain"));
    }

    private SenderDto getSender(Request request, Response response) {
        String login = badRequestUnless(() -> PolicyValues.login(request.params("login")));
        return current().policy.senderLogin(login).map(SenderDto::new)
            .orElseThrow(() -> notFound("sender login " + login + " is not listed"));
    }

    // ---- entry edits

    /** What one edit does to a document: the entry lines before and after, and the edited document. */
    private static final class Plan {
        private final String action;
        private final List<String> before;
        private final List<String> after;
        private final PolicyDocument document;

        private Plan(String action, List<String> before, List<String> after, PolicyDocument document) {
            this.action = action;
            this.before = List.copyOf(before);
            this.after = List.copyOf(after);
            this.document = document;
        }

        boolean changes() {
            return !before.equals(after);
        }

        boolean sameChange(Plan other) {
            return action.equals(other.action) && before.equals(other.before) && after.equals(other.after);
        }
    }

    @FunctionalInterface
    private interface Planner {
        /** May throw a {@link HaltException} (nothing to remove, invalid request). */
        Plan plan(PolicyDocument document);
    }

    /** The entry changed between the planning of an edit and its write: its audit record would be wrong. */
    private static final class ConcurrentEdit extends RuntimeException {
        ConcurrentEdit() {
            super(null, null, false, false);
        }
    }

    private String write(Request request, Response response, Planner planner) {
        String actor = actor(request);
        Plan planned = planner.plan(storedDocument());
        if (!planned.changes()) {
            return Responses.returnNoContent(response);
        }
        PolicyChange change = new PolicyChange(actor, planned.action, String.join("\n", planned.before), String.join("\n", planned.after));
        try {
            StoredPolicy written = editor.get().edit(change, document -> {
                Plan replanned = planner.plan(document);
                if (!replanned.sameChange(planned)) {
                    throw new ConcurrentEdit();
                }
                return replanned.document;
            });
            LOGGER.info("Relay policy changed by {}: {} [{}] -> [{}] (version {})", actor, change.action(), change.before(), change.after(), written.version());
            versionHeaders(response, written.version());
            return Responses.returnNoContent(response);
        } catch (InvalidPolicyEditException e) {
            throw badRequest(e.getMessage());
        } catch (ConcurrentEdit | VersionConflictException e) {
            throw conflict();
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    private static Plan plan(String action, PolicyDocument document, Predicate<PolicyDocument.Entry> matching, List<String> after,
                             PolicyDocument edited) {
        return new Plan(action, PolicyLines.texts(document, matching), after, edited);
    }

    private static Predicate<PolicyDocument.Entry> networkEntry(Cidr cidr) {
        return entry -> entry.keyword().equals(PolicyValues.TRUSTED_NETWORK) && PolicyValues.tryNetwork(entry.value()).filter(cidr::equals).isPresent();
    }

    private static Predicate<PolicyDocument.Entry> domainEntry(String domain) {
        return entry -> entry.keyword().equals(PolicyValues.RELAY_DOMAIN) && PolicyValues.tryDomain(entry.value()).filter(domain::equals).isPresent();
    }

    private static Predicate<PolicyDocument.Entry> recipientsOf(String domain) {
        return entry -> entry.keyword().equals(PolicyValues.RELAY_RECIPIENT)
            && PolicyValues.tryAddress(entry.value()).filter(address -> address.domain().equals(domain)).isPresent();
    }

    private static Predicate<PolicyDocument.Entry> recipientEntry(EnvelopeAddress recipient) {
        return entry -> entry.keyword().equals(PolicyValues.RELAY_RECIPIENT)
            && PolicyValues.tryAddress(entry.value()).filter(address -> address.key().equals(recipient.key())).isPresent();
    }

    private static Predicate<PolicyDocument.Entry> senderEntry(String login) {
        return entry -> entry.keyword().equals(PolicyValues.SENDER_LOGIN) && entry.value().equalsIgnoreCase(login);
    }

    private String putNetwork(Request request, Response response) {
        Cidr cidr = badRequestUnless(() -> PolicyValues.network(request.params("network")));
        JsonBody body = badRequestUnless(() -> JsonBody.object(body(request), NETWORK_FIELDS));
        String line = badRequestUnless(() -> PolicyValues.networkLine(cidr,
            PolicyValues.patterns("senders", body.strings("senders")), body.bool("servedSendersOnly")));
        Predicate<PolicyDocument.Entry> matching = networkEntry(cidr);
        return write(request, response, document -> {
            boolean exists = document.entries().stream().anyMatch(matching);
            return plan((exists ? "change " : "add ") + PolicyValues.TRUSTED_NETWORK, document, matching, List.of(line),
                PolicyLines.replace(document, matching, line));
        });
    }

    private String deleteNetwork(Request request, Response response) {
        Cidr cidr = badRequestUnless(() -> PolicyValues.network(request.params("network")));
        Predicate<PolicyDocument.Entry> matching = networkEntry(cidr);
        return write(request, response, document -> {
            requireSome(document, matching, "network " + cidr.asString() + " is not a trusted network");
            return plan("remove " + PolicyValues.TRUSTED_NETWORK, document, matching, List.of(), document.removeIf(matching));
        });
    }

    private String putDomain(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        requireNoBody(request);
        String line = badRequestUnless(() -> PolicyValues.domainLine(domain));
        Predicate<PolicyDocument.Entry> matching = domainEntry(domain);
        return write(request, response, document -> {
            if (document.entries().stream().anyMatch(matching)) {
                List<String> unchanged = PolicyLines.texts(document, matching);
                return new Plan("add " + PolicyValues.RELAY_DOMAIN, unchanged, unchanged, document);
            }
            return plan("add " + PolicyValues.RELAY_DOMAIN, document, matching, List.of(line), document.add(line));
        });
    }

    private String deleteDomain(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        Predicate<PolicyDocument.Entry> matching = domainEntry(domain).or(recipientsOf(domain));
        return write(request, response, document -> {
            requireSome(document, domainEntry(domain), domain + " is not a relay domain");
            return plan("remove " + PolicyValues.RELAY_DOMAIN, document, matching, List.of(), document.removeIf(matching));
        });
    }

    private String putRecipient(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        EnvelopeAddress recipient = badRequestUnless(() -> PolicyValues.address(request.params("address")));
        requireNoBody(request);
        if (!recipient.domain().equals(domain)) {
            throw badRequest("recipient " + recipient.key() + " is not an address of " + domain);
        }
        String line = badRequestUnless(() -> PolicyValues.recipientLine(recipient));
        Predicate<PolicyDocument.Entry> matching = recipientEntry(recipient);
        return write(request, response, document -> {
            if (document.entries().stream().noneMatch(domainEntry(domain))) {
                throw badRequest(domain + " is not a relay domain: add it first (PUT " + DOMAINS + "/" + domain + ")");
            }
            if (document.entries().stream().anyMatch(matching)) {
                List<String> unchanged = PolicyLines.texts(document, matching);
                return new Plan("add " + PolicyValues.RELAY_RECIPIENT, unchanged, unchanged, document);
            }
            return plan("add " + PolicyValues.RELAY_RECIPIENT, document, matching, List.of(line),
                PolicyLines.insertAfterLast(document, domainEntry(domain).or(recipientsOf(domain)), line));
        });
    }

    private String deleteRecipient(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        EnvelopeAddress recipient = badRequestUnless(() -> PolicyValues.address(request.params("address")));
        boolean anyRecipientAllowed = "true".equalsIgnoreCase(request.queryParams("force"));
        Predicate<PolicyDocument.Entry> matching = recipientEntry(recipient);
        return write(request, response, document -> {
            if (document.entries().stream().noneMatch(domainEntry(domain))) {
                throw notFound(domain + " is not a relay domain");
            }
            if (!recipient.domain().equals(domain)) {
                throw notFound(recipient.key() + " is not a recipient of " + domain);
            }
            requireSome(document, matching, recipient.key() + " is not a listed recipient of " + domain);
            PolicyDocument edited = document.removeIf(matching);
            if (!anyRecipientAllowed && edited.entries().stream().noneMatch(recipientsOf(domain))) {
                throw error(HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE, recipient.key() + " is the last listed recipient of " + domain
                    + ": without it, " + domain + " would accept any recipient. Add the other recipients first, or remove it with ?force=true");
            }
            return plan("remove " + PolicyValues.RELAY_RECIPIENT, document, matching, List.of(), edited);
        });
    }

    private String putSender(Request request, Response response) {
        String login = badRequestUnless(() -> PolicyValues.login(request.params("login")));
        JsonBody body = badRequestUnless(() -> JsonBody.object(body(request), SENDER_FIELDS));
        String line = badRequestUnless(() -> PolicyValues.senderLine(login,
            PolicyValues.patterns("owns", body.strings("owns")), body.bool("servedSendersOnly")));
        Predicate<PolicyDocument.Entry> matching = senderEntry(login);
        return write(request, response, document -> {
            boolean exists = document.entries().stream().anyMatch(matching);
            return plan((exists ? "change " : "add ") + PolicyValues.SENDER_LOGIN, document, matching, List.of(line),
                PolicyLines.replace(document, matching, line));
        });
    }

    private String deleteSender(Request request, Response response) {
        String login = badRequestUnless(() -> PolicyValues.login(request.params("login")));
        Predicate<PolicyDocument.Entry> matching = senderEntry(login);
        return write(request, response, document -> {
            requireSome(document, matching, "sender login " + login + " is not listed");
            return plan("remove " + PolicyValues.SENDER_LOGIN, document, matching, List.of(), document.removeIf(matching));
        });
    }

    private String putSetting(Request request, Response response) {
        RelaySetting setting = badRequestUnless(() -> RelaySetting.named(request.params("name")));
        JsonBody value = badRequestUnless(() -> JsonBody.parse(Optional.ofNullable(body(request)).filter(text -> !text.isBlank())
            .orElseThrow(() -> new IllegalArgumentException("the request has no body: send the value as JSON, e.g. " + example(setting)))));
        Predicate<PolicyDocument.Entry> matching = entry -> entry.keyword().equals(setting.keyword());
        return write(request, response, document -> {
            String line = badRequestUnless(() -> setting.line(value.node(), parse(document)));
            return plan("set " + setting.keyword(), document, matching, List.of(line), PolicyLines.replace(document, matching, line));
        });
    }

    private static String example(RelaySetting setting) {
        switch (setting) {
            case RELAY_MODE:
                return "\"policy\"";
            case AUTHENTICATED_RELAY:
                return "\"tls-only\"";
            default:
                return "true";
        }
    }

    private static void requireSome(PolicyDocument document, Predicate<PolicyDocument.Entry> matching, String notFoundMessage) {
        if (document.entries().stream().noneMatch(matching)) {
            throw notFound(notFoundMessage);
        }
    }

    private static void requireNoBody(Request request) {
        String body = body(request);
        if (body != null && !body.isBlank() && !body.trim().equals("{}")) {
            throw badRequest("this request takes no body");
        }
    }

    // ---- export and import

    private String exportPolicy(Request request, Response response) {
        StoredPolicy stored;
        try {
            stored = editor.get().stored().orElseThrow(() -> notFound("no relay policy is stored in " + policyService.get().sourceName() + " yet"));
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
        versionHeaders(response, stored.version());
        response.header(APPLIED_VERSION_HEADER, Long.toString(policyService.get().policyVersion()));
        response.type("text/plain; charset=UTF-8");
        return stored.text();
    }

    private String importPolicy(Request request, Response response) {
        String actor = actor(request);
        String text = body(request);
        if (text == null || text.isEmpty()) {
            throw badRequest("the request has no body: send the whole policy as text/plain (an empty policy is refused)");
        }
        Optional<String> expectedVersion = Optional.ofNullable(request.headers("If-Match"))
            .map(value -> value.trim().replaceFirst("^W/", "").replace("\"", ""))
            .filter(value -> !value.equals("*"));
        try {
            StoredPolicy written;
            if (expectedVersion.isPresent()) {
                StoredPolicy current = editor.get().stored().orElseThrow(() -> preconditionFailed(expectedVersion.get(), "none"));
                if (!Long.toString(current.version()).equals(expectedVersion.get())) {
                    throw preconditionFailed(expectedVersion.get(), Long.toString(current.version()));
                }
                PolicyDocument expected = PolicyDocument.of(current.text());
                PolicyDocument imported = PolicyDocument.of(text);
                written = editor.get().edit(new PolicyChange(actor, "import", current.text(), imported.render()), document -> {
                    if (!document.equals(expected)) {
                        throw preconditionFailed(expectedVersion.get(), "a newer one");
                    }
                    return imported;
                });
            } else {
                written = editor.get().replace(actor, text);
            }
            LOGGER.info("Relay policy imported by {} (version {})", actor, written.version());
            versionHeaders(response, written.version());
            return Responses.returnNoContent(response);
        } catch (InvalidPolicyEditException e) {
            String where = e.getCause() instanceof PolicyFileException ? "line " + ((PolicyFileException) e.getCause()).line() + ": " : "";
            throw badRequest("invalid policy, nothing imported: " + where + e.getMessage());
        } catch (VersionConflictException e) {
            throw conflict();
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    private static HaltException preconditionFailed(String expected, String actual) {
        return error(HttpStatus.PRECONDITION_FAILED_412, ErrorType.WRONG_STATE, "the policy changed since version " + expected
            + " was read (the stored version is " + actual + "): export it again and redo the change");
    }

    // ---- explain

    private static final class ExplainRequest {
        private final ClientContext client;
        private final String sender;
        private final String recipient;

        private ExplainRequest(ClientContext client, String sender, String recipient) {
            this.client = client;
            this.sender = sender;
            this.recipient = recipient;
        }
    }

    private ExplainRequest explainBody(Request request) {
        JsonBody body = badRequestUnless(() -> JsonBody.object(body(request), EXPLAIN_FIELDS));
        return badRequestUnless(() -> explainRequest(body.requiredString("client"), body.string("helo"), body.string("login"),
            body.bool("tls"), body.bool("authOffered"), body.requiredString("sender"), body.requiredString("recipient")));
    }

    private ExplainRequest explainQuery(Request request) {
        for (String name : request.queryParams()) {
            if (!EXPLAIN_FIELDS.contains(name)) {
                throw badRequest("unknown parameter '" + name + "'; the parameters are " + String.join(", ", new TreeSet<>(EXPLAIN_FIELDS)));
            }
        }
        return badRequestUnless(() -> explainRequest(
            Optional.ofNullable(request.queryParams("client")).orElseThrow(() -> new IllegalArgumentException("client is missing")),
            Optional.ofNullable(request.queryParams("helo")), Optional.ofNullable(request.queryParams("login")),
            flag(request, "tls"), flag(request, "authOffered"),
            Optional.ofNullable(request.queryParams("sender")).orElseThrow(() -> new IllegalArgumentException("sender is missing")),
            Optional.ofNullable(request.queryParams("recipient")).orElseThrow(() -> new IllegalArgumentException("recipient is missing"))));
    }

    private static boolean flag(Request request, String name) {
        String value = request.queryParams(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
    }

    private static ExplainRequest explainRequest(String client, Optional<String> helo, Optional<String> login, boolean tls,
                                                 boolean authOffered, String sender, String recipient) {
        InetAddress address;
        try {
            address = IpAddresses.parse(client.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client: " + e.getMessage());
        }
        if (recipient.isBlank()) {
            throw new IllegalArgumentException("recipient is empty");
        }
        ClientContext context = ClientContext.from(address)
            .helo(helo.filter(value -> !value.isBlank()))
            .login(login.filter(value -> !value.isBlank()))
            .tls(tls)
            .authOffered(authOffered)
            .build();
        return new ExplainRequest(context, sender, recipient);
    }

    private ExplanationDto explain(ExplainRequest request) {
        long version = policyService.get().policyVersion();
        RelayDecider decider = policyService.get().decider();
        Decision sender = decider.decideSender(request.client, request.sender);
        Decision recipient = decider.decideRecipient(request.client, request.sender, request.recipient);
        return new ExplanationDto(recipient, sender, version, note(recipient.verdict()));
    }

    private static String note(Verdict verdict) {
        switch (verdict) {
            case RELAY:
            case RELAY_DOMAIN:
                return "routes (transport maps) are not part of the relay policy yet: accepted mail leaves through "
                    + "James's RemoteDelivery as configured in mailetcontainer.xml";
            case LOCAL:
                return "delivered locally by James: no route";
            default:
                return "refused: nothing would be routed";
        }
    }

    // ---- audit

    private List<AuditDto> audit(Request request, Response response) {
        int limit = badRequestUnless(() -> limit(request.queryParams("limit")));
        try {
            return editor.get().audit(limit).stream().map(AuditDto::new).collect(Collectors.toList());
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_AUDIT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, not '" + value + "'");
        }
        if (limit < 1 || limit > MAX_AUDIT_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_AUDIT_LIMIT + ", not " + limit);
        }
        return limit;
    }

    // ---- request and response helpers

    private static String body(Request request) {
        byte[] bytes = request.bodyAsBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static String actor(Request request) {
        String actor = Optional.ofNullable(request.headers(ACTOR_HEADER)).map(String::trim).filter(value -> !value.isEmpty()).orElse(DEFAULT_ACTOR);
        if (actor.length() > MAX_ACTOR_LENGTH || actor.chars().anyMatch(Character::isISOControl)) {
            throw badRequest(ACTOR_HEADER + " must be at most " + MAX_ACTOR_LENGTH + " characters, without control characters");
        }
        return actor;
    }

    private static void versionHeaders(Response response, long version) {
        response.header("ETag", "\"" + version + "\"");
        response.header(VERSION_HEADER, Long.toString(version));
    }

    private static <T> T badRequestUnless(Supplier<T> reading) {
        try {
            return Objects.requireNonNull(reading.get());
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static HaltException badRequest(String message) {
        return error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT, message);
    }

    private static HaltException notFound(String message) {
        return error(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND, message);
    }

    private static HaltException conflict() {
        return error(HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE, "the policy was changed by someone else at the same time: read it again and retry");
    }

    private static HaltException storeFailure(PolicyStoreException e) {
        LOGGER.error("The relay policy store failed", e);
        return ErrorResponder.builder()
            .statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
            .type(ErrorType.SERVER_ERROR)
            .message("the relay policy store failed: " + e.getMessage())
            .cause(e)
            .haltError();
    }

    private static HaltException error(int status, ErrorType type, String message) {
        return ErrorResponder.builder()
            .statusCode(status)
            .type(type)
            .message(message)
            .haltError();
    }
}
