package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.conflict;
import static org.jamesrelay.webadmin.RelayErrors.storeFailure;

import javax.inject.Provider;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.PolicyStoreException;

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

    RelayPolicy policy() {
        return parse(document());
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
