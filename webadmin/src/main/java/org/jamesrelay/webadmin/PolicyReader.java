package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.changedMeanwhile;
import static org.jamesrelay.webadmin.RelayErrors.conflict;
import static org.jamesrelay.webadmin.RelayErrors.storeFailure;

import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Provider;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.UnreadableStoreException;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;

/**
 * The policy as the routes read it: the stored one rather than the one in force, so that a change is visible at once.
 */
final class PolicyReader {
    private final Provider<PolicyEditor> editor;
    private final Provider<RelayPolicyService> policyService;

    PolicyReader(Provider<PolicyEditor> editor, Provider<RelayPolicyService> policyService) {
        this.editor = editor;
        this.policyService = policyService;
    }

    PolicyDocument document() {
        try {
            return editor.get().document();
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    /**
     * The stored policy for edits and listings of its entries other than relay recipients: read from the snapshot in
     * force when it is of the stored version, else from the text.
     */
    PolicyDocument entriesDocument() {
        return withEntriesInForce(document());
    }

    PolicyDocument withEntriesInForce(PolicyDocument document) {
        return editor.get().withEntriesInForce(document);
    }

    /** The snapshot in force when {@code document} is the stored policy at the version in force. */
    Optional<PolicySnapshot> snapshotOf(PolicyDocument document) {
        return editor.get().snapshotOf(document);
    }

    /** The policy of an unedited {@code document}: the one in force when it is of its version, else its text parsed. */
    RelayPolicy policyOf(PolicyDocument document) {
        return snapshotOf(document).map(PolicySnapshot::policy).orElseGet(() -> reading(() -> parse(document)));
    }

    /**
     * Runs what reads a document of the stored policy, which reads the store at each pass: a store that fails then is a
     * store failure, a policy that changed between passes a concurrent edit.
     */
    static <T> T reading(Supplier<T> read) {
        try {
            return read.get();
        } catch (UnreadableStoreException e) {
            throw storeFailure(e.storeFailure());
        } catch (PolicyDocument.TextChangedException e) {
            throw changedMeanwhile();
        }
    }

    /**
     * The stored policy as a snapshot: the one in force when it is the stored version (a version probe, no parse), else
     * the stored text parsed. For listings of tables that may hold millions of entries.
     */
    RelayPolicy snapshot() {
        try {
            RelayPolicyService service = policyService.get();
            long inForce = service.policyVersion();
            if (inForce != StoredPolicy.NO_VERSION && inForce == service.store().version()) {
                return service.policy();
            }
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
        return reading(() -> parse(document()));
    }

    RelayPolicy parse(PolicyDocument document) {
        try {
            return document.toPolicy(policyService.get().sourceName());
        } catch (PolicyFileException e) {
            throw conflict("the stored relay policy is invalid (replace it with PUT " + PolicyRoutes.POLICY + "): line " + e.line()
                + ": '" + e.entry() + "': " + e.problem());
        }
    }
}
