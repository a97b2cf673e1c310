package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;
import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.conflict;
import static org.jamesrelay.webadmin.RelayErrors.notFound;
import static org.jamesrelay.webadmin.RelayErrors.storeFailure;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesrelay.dkim.DkimAlgorithm;
import org.jamesrelay.dkim.DkimDomain;
import org.jamesrelay.dkim.DkimKey;
import org.jamesrelay.dkim.FailureMode;
import org.jamesrelay.james.dkim.DkimEditException;
import org.jamesrelay.james.dkim.DkimKeyEditor;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.VersionConflictException;
import org.jamesrelay.webadmin.dto.DkimDomainDto;
import org.jamesrelay.webadmin.dto.DkimKeyDto;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The DKIM signing keys, under {@code /relay/dkim}: a key pair generated or imported per selector, the switch to a
 * new selector, the retirement of an old one, and each domain's settings. Answers show public keys and the record to
 * publish, never a private key. See {@code docs/webadmin.md}.
 */
public class DkimRoutes extends RelayApiRoutes {
    private static final String DKIM = RelayApi.BASE_PATH + "/dkim";
    private static final String DOMAIN = DKIM + "/:domain";
    private static final String SELECTOR = DOMAIN + "/:selector";
    private static final Set<String> FIELDS = Set.of("selector", "algorithm", "bits", "privateKey", "active", "subdomains", "onFailure");
    private static final Set<String> NEW_KEY_FIELDS = Set.of("algorithm", "bits", "privateKey");

    private final Provider<DkimKeyEditor> editor;
    private final JsonTransformer jsonTransformer;

    @Inject
    public DkimRoutes(Provider<DkimKeyEditor> editor, JsonTransformer jsonTransformer) {
        this.editor = editor;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public void define(Service service) {
        service.get(DKIM, (request, response) -> domains(), jsonTransformer);
        service.get(DOMAIN, this::getDomain, jsonTransformer);
        service.put(DOMAIN, this::putDomain, jsonTransformer);
        service.get(SELECTOR, this::getKey, jsonTransformer);
        service.put(SELECTOR, this::importPem, jsonTransformer);
        service.delete(SELECTOR, this::retire);
    }

    private List<DkimDomainDto> domains() {
        return stored(() -> editor.get().stored().domains().stream().map(DkimDomainDto::new).collect(Collectors.toList()));
    }

    private DkimDomainDto getDomain(Request request, Response response) {
        String domain = domain(request);
        return stored(() -> editor.get().stored().domain(domain)).map(DkimDomainDto::new)
            .orElseThrow(() -> notFound("no DKIM key for " + domain));
    }

    private DkimKeyDto getKey(Request request, Response response) {
        String domain = domain(request);
        String selector = badRequestUnless(() -> DkimKey.selector(request.params("selector")));
        return stored(() -> editor.get().stored().domain(domain)).flatMap(found -> found.key(selector)).map(DkimKeyDto::new)
            .orElseThrow(() -> notFound("no DKIM selector " + selector + " for " + domain));
    }

    /**
     * With a selector that does not exist yet: a new key (201, the key). With an existing selector and
     * {@code "active": true}: the switch to it (200, the key). Settings alone: the domain (200).
     */
    private Object putDomain(Request request, Response response) {
        String domain = domain(request);
        String actor = PolicyWriter.actor(request);
        JsonBody body = badRequestUnless(() -> JsonBody.object(RequestBody.text(request), FIELDS));
        Optional<String> selector = badRequestUnless(() -> body.string("selector").map(DkimKey::selector));
        Optional<Boolean> active = optionalBool(body, "active");
        Optional<Boolean> subdomains = optionalBool(body, "subdomains");
        Optional<FailureMode> onFailure = badRequestUnless(() -> body.string("onFailure").map(FailureMode::of));
        if (selector.isEmpty() && subdomains.isEmpty() && onFailure.isEmpty()) {
            throw badRequest("expected a selector, or the settings subdomains and onFailure");
        }
        return edit(() -> {
            Object answer = null;
            if (selector.isPresent()) {
                answer = putKey(request, response, domain, selector.get(), actor, body, active);
            }
            if (subdomains.isPresent() || onFailure.isPresent()) {
                DkimDomain current = editor.get().stored().domain(domain).orElseThrow(() -> notFound("no DKIM key for " + domain));
                DkimDomain changed = editor.get().settings(actor, domain, subdomains.orElse(current.subdomains()), onFailure.orElse(current.onFailure()));
                answer = answer == null ? new DkimDomainDto(changed) : answer;
            }
            return answer;
        });
    }

    private DkimKeyDto putKey(Request request, Response response, String domain, String selector, String actor, JsonBody body,
                              Optional<Boolean> active) throws PolicyStoreException {
        Optional<DkimKey> existing = editor.get().stored().domain(domain).flatMap(found -> found.key(selector));
        if (existing.isPresent()) {
            if (NEW_KEY_FIELDS.stream().anyMatch(field -> body.node().has(field))) {
                throw conflict("selector " + selector + " of " + domain + " exists already: retire it first, or choose another selector");
            }
            if (active.equals(Optional.of(false)) && existing.get().active()) {
                throw conflict("selector " + selector + " of " + domain + " signs: activate another selector, or retire this one");
            }
            return new DkimKeyDto(active.orElse(false) ? editor.get().activate(actor, domain, selector) : existing.get());
        }
        DkimAlgorithm algorithm = badRequestUnless(() -> body.string("algorithm").map(DkimAlgorithm::of).orElse(DkimAlgorithm.RSA_SHA256));
        int bits = badRequestUnless(() -> body.stringOrNumber("bits").map(DkimRoutes::bits).orElse(DkimAlgorithm.DEFAULT_RSA_BITS));
        DkimKey added = editor.get().add(actor, domain, selector, algorithm, bits, body.string("privateKey"), active);
        response.status(HttpStatus.CREATED_201);
        return new DkimKeyDto(added);
    }

    /** An existing private key, the PEM as the request body (what the command line's import sends); 201, the key. */
    private DkimKeyDto importPem(Request request, Response response) {
        String domain = domain(request);
        String selector = badRequestUnless(() -> DkimKey.selector(request.params("selector")));
        String actor = PolicyWriter.actor(request);
        String pem = Optional.ofNullable(RequestBody.text(request)).filter(text -> !text.isBlank())
            .orElseThrow(() -> badRequest("the body must be the private key, in PEM"));
        Optional<Boolean> active = badRequestUnless(() -> Optional.ofNullable(request.queryParams("active")).map(DkimRoutes::trueOrFalse));
        DkimKey added = edit(() -> editor.get().add(actor, domain, selector, DkimAlgorithm.RSA_SHA256, DkimAlgorithm.DEFAULT_RSA_BITS,
            Optional.of(pem), active));
        response.status(HttpStatus.CREATED_201);
        return new DkimKeyDto(added);
    }

    private static boolean trueOrFalse(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("active must be true or false, not '" + value + "'");
        }
        return value.equals("true");
    }

    private String retire(Request request, Response response) {
        String domain = domain(request);
        String selector = badRequestUnless(() -> DkimKey.selector(request.params("selector")));
        String actor = PolicyWriter.actor(request);
        edit(() -> {
            editor.get().retire(actor, domain, selector);
            return "";
        });
        return Responses.returnNoContent(response);
    }

    private static String domain(Request request) {
        return badRequestUnless(() -> DkimDomain.domainName(request.params("domain")));
    }

    private static Optional<Boolean> optionalBool(JsonBody body, String field) {
        return body.node().has(field) ? Optional.of(badRequestUnless(() -> body.bool(field))) : Optional.empty();
    }

    private static int bits(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bits must be a whole number, not '" + value + "'");
        }
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T call() throws PolicyStoreException;
    }

    private static <T> T stored(StoreCall<T> call) {
        try {
            return call.call();
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    private static <T> T edit(StoreCall<T> call) {
        try {
            return call.call();
        } catch (DkimEditException e) {
            throw refusal(e);
        } catch (VersionConflictException e) {
            throw conflict("the DKIM keys were changed by someone else at the same time: retry");
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    private static HaltException refusal(DkimEditException e) {
        switch (e.reason()) {
            case NOT_FOUND:
                return notFound(e.getMessage());
            case CONFLICT:
                return conflict(e.getMessage());
            case INVALID:
            default:
                return badRequest(e.getMessage());
        }
    }
}
