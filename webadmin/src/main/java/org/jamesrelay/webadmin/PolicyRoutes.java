package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;
import static org.jamesrelay.webadmin.RelayErrors.notFound;
import static org.jamesrelay.webadmin.RelayErrors.preconditionFailed;
import static org.jamesrelay.webadmin.RelayErrors.storeFailure;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Provider;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.james.InvalidPolicyEditException;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.RefusedPolicyEditException;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The whole policy as text, {@code /relay/policy}: export it with its version, import it in one piece, optionally
 * only over the version named by {@code If-Match}.
 */
public class PolicyRoutes extends RelayApiRoutes {
    static final String POLICY = RelayApi.BASE_PATH + "/policy";

    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyRoutes.class);

    private final Provider<PolicyEditor> editor;
    private final Provider<RelayPolicyService> policyService;

    @Inject
    public PolicyRoutes(Provider<PolicyEditor> editor, Provider<RelayPolicyService> policyService) {
        this.editor = editor;
        this.policyService = policyService;
    }

    @Override
    public void define(Service service) {
        service.get(POLICY, this::exportPolicy);
        service.put(POLICY, this::importPolicy);
    }

    private String exportPolicy(Request request, Response response) {
        StoredPolicy stored;
        try {
            stored = editor.get().stored().orElseThrow(() -> notFound("no relay policy is stored in " + policyService.get().sourceName() + " yet"));
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
        PolicyWriter.versionHeaders(response, stored.version());
        response.header(RelayApi.APPLIED_VERSION_HEADER, Long.toString(policyService.get().policyVersion()));
        return StreamedAnswer.text(response, "text/plain; charset=UTF-8", stored.text());
    }

    private String importPolicy(Request request, Response response) {
        String actor = PolicyWriter.actor(request);
        String text = RequestBody.text(request);
        if (text == null || text.isEmpty()) {
            throw badRequest("the request has no body: send the whole policy as text/plain (an empty policy is refused)");
        }
        Optional<String> expectedVersion = Optional.ofNullable(request.headers("If-Match"))
            .map(value -> value.trim().replaceFirst("^W/", "").replace("\"", ""))
            .filter(value -> !value.equals("*"));
        long written = PolicyWriter.write(() -> expectedVersion.isPresent()
                ? importOver(expectedVersion.get(), actor, text)
                : editor.get().replace(actor, text),
            PolicyRoutes::invalidPolicy);
        LOGGER.info("Relay policy imported by {} (version {})", actor, written);
        return PolicyWriter.noContent(response, written);
    }

    private long importOver(String expectedVersion, String actor, String text)
        throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException {
        StoredPolicy current = editor.get().stored().orElseThrow(() -> changedSince(expectedVersion, "none"));
        if (!Long.toString(current.version()).equals(expectedVersion)) {
            throw changedSince(expectedVersion, Long.toString(current.version()));
        }
        PolicyDocument imported = PolicyDocument.of(text);
        return editor.get().edit(PolicyChange.ofTexts(actor, "import", current.text(), imported.render()), document -> {
            if (document.version() != current.version()) {
                throw changedSince(expectedVersion, "a newer one");
            }
            return imported;
        });
    }

    private static HaltException invalidPolicy(InvalidPolicyEditException e) {
        String where = e.getCause() instanceof PolicyFileException ? "line " + ((PolicyFileException) e.getCause()).line() + ": " : "";
        return badRequest("invalid policy, nothing imported: " + where + e.getMessage());
    }

    private static HaltException changedSince(String expectedVersion, String storedVersion) {
        return preconditionFailed("the policy changed since version " + expectedVersion + " was read (the stored version is "
            + storedVersion + "): export it again and redo the change");
    }
}
