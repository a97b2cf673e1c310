package org.jamesrelay.webadmin;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.RelayPolicyService;

/**
 * What the routes that read and edit the stored policy share: its reader and writer, and the JSON transformer of
 * their answers. The routes take providers, not instances, and ask them at each request: James builds its WebAdmin
 * routes before it configures its DomainList, and the policy service reads the DomainList when it is built (once:
 * {@code RelayModule} binds it as a singleton).
 */
public final class PolicyAccess {
    private final PolicyReader reader;
    private final PolicyWriter writer;
    private final JsonTransformer jsonTransformer;

    @Inject
    public PolicyAccess(Provider<PolicyEditor> editor, Provider<RelayPolicyService> policyService, JsonTransformer jsonTransformer) {
        this.reader = new PolicyReader(editor, policyService);
        this.writer = new PolicyWriter(editor, reader);
        this.jsonTransformer = jsonTransformer;
    }

    PolicyReader reader() {
        return reader;
    }

    PolicyWriter writer() {
        return writer;
    }

    JsonTransformer jsonTransformer() {
        return jsonTransformer;
    }
}
