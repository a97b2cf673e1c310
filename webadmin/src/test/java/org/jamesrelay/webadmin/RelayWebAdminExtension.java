package org.jamesrelay.webadmin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory.MemoryCacheableMailQueue;
import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesrelay.core.AuthFailureGuard;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.RateLimiter;
import org.jamesrelay.james.OwnListeners;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.MemoryDkimKeyStore;
import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.james.dkim.DkimKeyEditor;
import org.jamesrelay.james.dkim.DkimKeyService;
import org.jamesrelay.james.dkim.DkimKeySource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A WebAdmin server with every {@code /relay} route, over a memory store that holds {@link #POLICY}; RestAssured sends
 * to it under {@code /relay}, with path segments as given (percent-encode them with {@link #encoded}).
 */
class RelayWebAdminExtension implements BeforeEachCallback, AfterEachCallback {
    static final String POLICY = String.join("\n",
        "# test policy",
        "relay-mode policy",
        "trusted-network 127.0.0.1/32",
        "trusted-network ::1/128   # loopback",
        "authenticated-relay tls-only",
        "local-senders-require-login yes",
        "relay-domain relay.test",
        "relay-recipient info@relay.test",
        "relay-recipient sales@relay.test",
        "relay-domain backup.test   # backup MX",
        "sender-login alice@local.test owns=alice.smith@local.test",
        "served-senders-only no",
        "route relay.test [127.0.0.1]:2526 tls=encrypt credentials=up1   # the gateway",
        "route * [smtp.isp.test]:587 tls=verify credentials=isp",
        "sender-route @marketing.test [127.0.0.1]:2527,[127.0.0.1]:2528 balance=round-robin",
        "attachment-filter relay.test strip names=*.exe,*.JS sniffed=script,executable   # no programs",
        "attachment-filter relay.test reject encrypted-archives",
        "attachment-filter * quarantine larger-than=10M unparseable",
        "header-filter relay.test remove=X-Internal-*,Bcc",
        "antivirus clamd=[127.0.0.1]:3310 on-failure=accept",
        "");

    /** The SMTP listener of the server these routes belong to: a route to it would loop. */
    static final InetSocketAddress OWN_SMTP_LISTENER = new InetSocketAddress("127.0.0.1", 2525);

    private MemoryPolicyStore store;
    private RelayPolicyService service;
    private MemoryCacheableMailQueue relayQueue;
    private MemoryMailRepository hold;
    private MemoryDkimKeyStore dkimStore;
    private WebAdminServer webAdminServer;
    private final Clock clock = Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    private final AuthFailureGuard authFailures = new AuthFailureGuard(clock);
    private final RateLimiter rateLimiter = new RateLimiter(clock);

    @Override
    public void beforeEach(ExtensionContext context) {
        store = MemoryPolicyStore.holding(POLICY);
        relayQueue = new MemoryCacheableMailQueue(QueueRoutes.RELAY_QUEUE, new RawMailQueueItemDecoratorFactory(), Clock.systemUTC());
        hold = new MemoryMailRepository();
        service = new RelayPolicyService(new PolicySource(store, "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().localDomain("local.test").build());
        PolicyEditor editor = new PolicyEditor(service, new OwnListeners(() -> Optional.of(List.of(OWN_SMTP_LISTENER))));
        JsonTransformer jsonTransformer = new JsonTransformer();
        PolicyAccess access = new PolicyAccess(() -> editor, () -> service, jsonTransformer);
        dkimStore = new MemoryDkimKeyStore(Clock.systemUTC());
        DkimKeyService dkimKeys = DkimKeyService.readOnce(new DkimKeySource(dkimStore, "memory", Duration.ofSeconds(1)));
        DkimKeyEditor dkimEditor = new DkimKeyEditor(dkimKeys);
        webAdminServer = WebAdminUtils.createWebAdminServer(new RelayRoutes(
                new NetworksRoutes(access),
                new RelayDomainsRoutes(access),
                new SendersRoutes(access),
                new SettingsRoutes(access),
                new RouteTableRoutes(access),
                new FrontEndFilterRoutes(access),
                new PolicyRoutes(() -> editor, () -> service),
                new ExplainRoutes(() -> service, () -> dkimKeys, new LimitsExplainer(() -> rateLimiter, () -> authFailures, clock), jsonTransformer),
                new AuditRoutes(() -> editor, () -> dkimEditor, jsonTransformer),
                new QueueRoutes(() -> new RelayQueue(relayQueue, hold, () -> service.policy().routes(), Clock.systemUTC()), jsonTransformer),
                new DkimRoutes(() -> dkimEditor, jsonTransformer),
                new LockoutsRoutes(() -> authFailures, jsonTransformer, clock),
                new RateLimitsRoutes(access)))
            .start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(webAdminServer)
            .setBasePath(RelayApi.BASE_PATH)
            .setUrlEncodingEnabled(false)
            .build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        webAdminServer.destroy();
    }

    /** The relay queue of the queue routes. */
    ManageableMailQueue relayQueue() {
        return relayQueue;
    }

    /** The hold repository of the queue routes. */
    MailRepository hold() {
        return hold;
    }

    /** The failed-login guard of the lockout routes, on a clock fixed at 2026-01-01T00:00:00Z. */
    AuthFailureGuard authFailures() {
        return authFailures;
    }

    /** The rate limiter of the explain route, on the same fixed clock. */
    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    MemoryPolicyStore store() {
        return store;
    }

    /** Has this node apply the stored policy, as its next refresh would. */
    void refreshPolicy() {
        service.refreshPolicy();
    }

    /** The stored keyring, private keys included. */
    String dkimKeysText() {
        return dkimStore.read().orElseThrow().text();
    }

    String policyText() {
        return store.read().orElseThrow().text();
    }

    List<AuditEntry> audit() {
        return store.audit(100);
    }

    static String encoded(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    static void badRequest(ValidatableResponse response, String message) {
        error(response, 400, "InvalidArgument", message);
    }

    static void conflict(ValidatableResponse response, String message) {
        error(response, 409, "WrongState", message);
    }

    private static void error(ValidatableResponse response, int status, String type, String message) {
        response.statusCode(status)
            .contentType(ContentType.JSON)
            .body("statusCode", is(status))
            .body("type", is(type))
            .body("message", is(message));
    }

    static ValidatableResponse explain(String json) {
        return given().body(json).when().post("/explain").then();
    }
}
