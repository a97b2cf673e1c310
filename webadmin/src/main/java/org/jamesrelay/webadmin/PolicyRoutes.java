package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;
import static org.jamesrelay.webadmin.RelayErrors.notFound;
import static org.jamesrelay.webadmin.RelayErrors.preconditionFailed;
import static org.jamesrelay.webadmin.RelayErrors.storeFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import javax.inject.Inject;
import javax.inject.Provider;

import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.james.ImportedText;
import org.jamesrelay.james.InvalidPolicyEditException;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.RefusedPolicyEditException;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;
import org.jamesrelay.store.Versioned;
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

    /**
     * Streams the stored text under the version the store gives before: when the text read turns out to be of another
     * version (edited meanwhile), the answer is broken off rather than completed under a version it is not of.
     */
    private String exportPolicy(Request request, Response response) {
        PolicyStore store = policyService.get().store();
        try {
            long version = store.version();
            if (version == StoredPolicy.NO_VERSION) {
                throw notFound("no relay policy is stored in " + policyService.get().sourceName() + " yet");
            }
            PolicyWriter.versionHeaders(response, version);
            response.header(RelayApi.APPLIED_VERSION_HEADER, Long.toString(policyService.get().policyVersion()));
            long sent = store.read(text -> StreamedAnswer.text(response, "text/plain; charset=UTF-8", text))
                .map(Versioned::version).orElse(StoredPolicy.NO_VERSION);
            if (sent != version) {
                throw new IllegalStateException("the relay policy changed while it was exported (version " + version + " announced, "
                    + sent + " sent): the answer is broken off");
            }
            return "";
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    /**
     * The body is spooled to a temporary file as it arrives, then read twice from there (validation, write): a policy of
     * millions of lines is never held (unless James's default request logger read it first: see {@link SpooledBody}).
     */
    private String importPolicy(Request request, Response response) {
        String actor = PolicyWriter.actor(request);
        Optional<String> expectedVersion = Optional.ofNullable(request.headers("If-Match"))
            .map(value -> value.trim().replaceFirst("^W/", "").replace("\"", ""))
            .filter(value -> !value.equals("*"));
        Path spooled = SpooledBody.of(request);
        try {
            ImportedText text = ImportedText.of(spooled);
            if (text.byteCount() == 0) {
                throw badRequest("the request has no body: send the whole policy as text/plain (an empty policy is refused)");
            }
            long written = PolicyWriter.write(() -> expectedVersion.isPresent()
                    ? importOver(expectedVersion.get(), actor, text)
                    : editor.get().replace(actor, text, OptionalLong.empty()),
                PolicyRoutes::invalidPolicy);
            LOGGER.info("Relay policy imported by {} (version {})", actor, written);
            return PolicyWriter.noContent(response, written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled policy", e);
        } finally {
            SpooledBody.delete(spooled);
        }
    }

    private long importOver(String expectedVersion, String actor, ImportedText text)
        throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException {
        long expected;
        try {
            expected = Long.parseLong(expectedVersion);
        } catch (NumberFormatException e) {
            throw changedSince(expectedVersion, storedVersion());
        }
        try {
            return editor.get().replace(actor, text, OptionalLong.of(expected));
        } catch (VersionConflictException e) {
            throw changedSince(expectedVersion, storedVersion());
        }
    }

    private static HaltException invalidPolicy(InvalidPolicyEditException e) {
        String where = e.getCause() instanceof PolicyFileException ? "line " + ((PolicyFileException) e.getCause()).line() + ": " : "";
        return badRequest("invalid policy, nothing imported: " + where + e.getMessage());
    }

    private String storedVersion() throws PolicyStoreException {
        long version = policyService.get().store().version();
        return version == StoredPolicy.NO_VERSION ? "none" : Long.toString(version);
    }

    private static HaltException changedSince(String expectedVersion, String storedVersion) {
        return preconditionFailed("the policy changed since version " + expectedVersion + " was read (the stored version is "
            + storedVersion + "): export it again and redo the change");
    }
}
