package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;
import static org.jamesrelay.webadmin.RelayErrors.changedMeanwhile;
import static org.jamesrelay.webadmin.RelayErrors.conflict;
import static org.jamesrelay.webadmin.RelayErrors.storeFailure;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.inject.Provider;

import org.apache.james.webadmin.utils.Responses;
import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.james.InvalidPolicyEditException;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.RefusedPolicyEditException;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.VersionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;
import spark.Request;
import spark.Response;

/**
 * The write path of the {@code /relay} routes: the actor of the request, one write through {@link PolicyEditor} (which
 * validates the whole policy, writes it only if nobody changed it meanwhile, and records one audit entry), the version
 * written in the response headers, and the failures as James's error JSON: 400 for an invalid policy, 409 for one that
 * conflicts with this server or with a concurrent edit.
 */
final class PolicyWriter {
    private static final int MAX_ACTOR_LENGTH = 128;
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyWriter.class);

    @FunctionalInterface
    interface Write {
        /** @return the version written */
        long write() throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException;
    }

    /** The entry changed between the planning of an edit and its write: its audit record would be wrong. */
    private static final class ConcurrentEdit extends RuntimeException {
        ConcurrentEdit() {
            super(null, null, false, false);
        }
    }

    private final Provider<PolicyEditor> editor;
    private final PolicyReader reader;

    PolicyWriter(Provider<PolicyEditor> editor, PolicyReader reader) {
        this.editor = editor;
        this.reader = reader;
    }

    /**
     * Writes the edit that {@code planner} plans on the stored policy. When PolicyEditor redoes the edit on a fresher
     * policy, the planner must plan the same change again, else the request fails with a conflict.
     */
    String edit(Request request, Response response, EntryEdit.Planner planner) {
        return edit(request, response, planner, reader::withEntriesInForce);
    }

    /** As {@link #edit}, for a planner that reads or edits relay recipients: it plans on the text. */
    String editWithRecipients(Request request, Response response, EntryEdit.Planner planner) {
        return edit(request, response, planner, UnaryOperator.identity());
    }

    private String edit(Request request, Response response, EntryEdit.Planner planner, UnaryOperator<PolicyDocument> view) {
        String actor = actor(request);
        EntryEdit planned = PolicyReader.reading(() -> planner.plan(view.apply(reader.document())));
        if (!planned.changes()) {
            return Responses.returnNoContent(response);
        }
        PolicyChange change = planned.change(actor);
        long written = write(() -> editor.get().edit(change, document -> {
            if (planned.document().editsTextOf(document)) {
                return planned.document();
            }
            EntryEdit replanned = planner.plan(view.apply(document));
            if (!replanned.change(actor).equals(change)) {
                throw new ConcurrentEdit();
            }
            return replanned.document();
        }), invalid -> badRequest(invalid.getMessage()));
        LOGGER.info("Relay policy changed by {}: {} [{}] -> [{}] (version {})", actor, change.action(), change.before(), change.after(), written);
        return noContent(response, written);
    }

    /** Runs {@code write}; {@code refusal} answers an edit that would make the policy invalid. */
    static long write(Write write, Function<InvalidPolicyEditException, HaltException> refusal) {
        try {
            return write.write();
        } catch (InvalidPolicyEditException e) {
            throw refusal.apply(e);
        } catch (RefusedPolicyEditException e) {
            throw conflict(e.getMessage());
        } catch (ConcurrentEdit | VersionConflictException e) {
            throw changedMeanwhile();
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    static String actor(Request request) {
        String actor = Optional.ofNullable(request.headers(RelayApi.ACTOR_HEADER)).map(String::trim).filter(value -> !value.isEmpty())
            .orElse(RelayApi.DEFAULT_ACTOR);
        if (actor.length() > MAX_ACTOR_LENGTH || actor.chars().anyMatch(Character::isISOControl)) {
            throw badRequest(RelayApi.ACTOR_HEADER + " must be at most " + MAX_ACTOR_LENGTH + " characters, without control characters");
        }
        return actor;
    }

    static String noContent(Response response, long written) {
        versionHeaders(response, written);
        return Responses.returnNoContent(response);
    }

    static void versionHeaders(Response response, long version) {
        response.header("ETag", "\"" + version + "\"");
        response.header(RelayApi.VERSION_HEADER, Long.toString(version));
    }
}
