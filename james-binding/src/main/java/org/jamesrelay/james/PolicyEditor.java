package org.jamesrelay.james;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.inject.Inject;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;

/**
 * Changes the stored policy, for WebAdmin and the command line: each change is validated before it is written (by
 * applying its diff to the snapshot in force, which parses only the entries other than relay recipients, or by parsing
 * the whole edited policy when that cannot tell), written as a diff ({@link PolicyStore#writeChange}),
 * written only if nobody changed the policy meanwhile (else redone on the fresh policy), recorded in the audit
 * trail, and applied on this node at once (other nodes apply it at their next refresh).
 */
public class PolicyEditor {
    private static final int ATTEMPTS = 5;
    /**
     * Past this many lines removed and added (an import), the text is written whole, a new base that readers read
     * whole, rather than a change every node applies.
     */
    static final int MAX_LOGGED_LINES = 10_000;

    private final RelayPolicyService service;
    private final PolicyEditGuards guards;

    @Inject
    public PolicyEditor(RelayPolicyService service, SmtpListeners listeners) {
        this(service, new OwnListeners(listeners));
    }

    public PolicyEditor(RelayPolicyService service, OwnListeners ownListeners) {
        this.service = service;
        this.guards = new PolicyEditGuards(service::directory, ownListeners);
    }

    /** The stored policy, which may be newer than the one in force on this node. */
    public Optional<StoredPolicy> stored() throws PolicyStoreException {
        return service.store().read();
    }

    public PolicyDocument document() throws PolicyStoreException {
        return PolicyDocument.of(stored().map(StoredPolicy::text).orElse(""));
    }

    public StoredPolicy edit(PolicyChange change, UnaryOperator<PolicyDocument> edit)
        throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException {
        for (int attempt = 1; ; attempt++) {
            Optional<StoredPolicy> current = stored();
            long version = current.map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION);
            PolicyDocument before = PolicyDocument.of(current.map(StoredPolicy::text).orElse(""));
            PolicyDocument edited = edit.apply(before);
            TextDiff diff = TextDiff.between(before.lines(), edited.lines());
            Optional<PolicySnapshot> beforeSnapshot = snapshotOf(version, before);
            PolicySnapshot after = beforeSnapshot.flatMap(snapshot -> snapshot.apply(diff)).orElse(null);
            if (after == null) {
                after = validate(edited);
            }
            guards.check(beforeSnapshot.map(PolicySnapshot::policy).orElseGet(RelayPolicy::empty), after);
            try {
                long written = diff.changedLines() > MAX_LOGGED_LINES
                    ? service.store().write(edited.render(), version, change).version()
                    : service.store().writeChange(diff, version, change);
                service.refreshPolicy();
                return new StoredPolicy(edited.render(), written);
            } catch (VersionConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Replaces the whole policy (an import), only if it is valid. */
    public StoredPolicy replace(String actor, String text) throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException {
        PolicyDocument imported = PolicyDocument.of(text);
        validate(imported);
        String before = stored().map(StoredPolicy::text).orElse("");
        return edit(PolicyChange.ofTexts(actor, "import", before, imported.render()), any -> imported);
    }

    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        return service.store().audit(limit);
    }

    private PolicySnapshot validate(PolicyDocument document) throws InvalidPolicyEditException {
        try {
            return PolicySnapshot.parse(service.sourceName(), document.render());
        } catch (PolicyFileException e) {
            throw new InvalidPolicyEditException(e);
        }
    }

    /**
     * The snapshot of the stored policy: the one in force when it is of this version (no parse), else the document
     * parsed; empty when it does not parse (edited by hand), which guards nothing: every entry of the edit counts as new.
     */
    private Optional<PolicySnapshot> snapshotOf(long version, PolicyDocument document) {
        Optional<PolicySnapshot> inForce = service.snapshotAt(version);
        if (inForce.isPresent()) {
            return inForce;
        }
        try {
            return Optional.of(PolicySnapshot.parse(service.sourceName(), document.render()));
        } catch (PolicyFileException e) {
            return Optional.empty();
        }
    }
}
