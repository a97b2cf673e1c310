package org.jamesrelay.james;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.inject.Inject;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;

/**
 * Changes the stored policy, for WebAdmin and the command line: each change is validated whole before it is written,
 * written only if nobody changed the policy meanwhile (else redone on the fresh policy), recorded in the audit
 * trail, and applied on this node at once (other nodes apply it at their next refresh).
 */
public class PolicyEditor {
    private static final int ATTEMPTS = 5;

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
            PolicyDocument before = PolicyDocument.of(current.map(StoredPolicy::text).orElse(""));
            PolicyDocument edited = edit.apply(before);
            guards.check(policyOrEmpty(before), edited, validate(edited));
            try {
                StoredPolicy written = service.store().write(edited.render(), current.map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION), change);
                service.refreshPolicy();
                return written;
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

    private RelayPolicy validate(PolicyDocument document) throws InvalidPolicyEditException {
        try {
            return document.toPolicy(service.sourceName());
        } catch (PolicyFileException e) {
            throw new InvalidPolicyEditException(e);
        }
    }

    /** A stored policy that does not parse (edited by hand) guards nothing: every entry of the edit counts as new. */
    private RelayPolicy policyOrEmpty(PolicyDocument document) {
        try {
            return document.toPolicy(service.sourceName());
        } catch (PolicyFileException e) {
            return RelayPolicy.empty();
        }
    }
}
