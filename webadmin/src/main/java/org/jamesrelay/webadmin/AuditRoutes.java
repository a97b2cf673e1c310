package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.storeFailure;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesrelay.james.PolicyEditor;
import org.jamesrelay.james.dkim.DkimKeyEditor;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.webadmin.dto.AuditDto;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The audit trail, {@code /relay/audit?limit=N}: the recorded changes of the policy and of the DKIM keys, newest first.
 */
public class AuditRoutes extends RelayApiRoutes {
    private static final String AUDIT = RelayApi.BASE_PATH + "/audit";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final Provider<PolicyEditor> editor;
    private final Provider<DkimKeyEditor> dkimEditor;
    private final JsonTransformer jsonTransformer;

    @Inject
    public AuditRoutes(Provider<PolicyEditor> editor, Provider<DkimKeyEditor> dkimEditor, JsonTransformer jsonTransformer) {
        this.editor = editor;
        this.dkimEditor = dkimEditor;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public void define(Service service) {
        service.get(AUDIT, this::audit, jsonTransformer);
    }

    private List<AuditDto> audit(Request request, Response response) {
        int limit = badRequestUnless(() -> limit(request.queryParams("limit")));
        try {
            return Stream.concat(editor.get().audit(limit).stream(), dkimEditor.get().audit(limit).stream())
                .sorted(Comparator.comparing(AuditEntry::at).reversed())
                .limit(limit)
                .map(AuditDto::new)
                .collect(Collectors.toList());
        } catch (PolicyStoreException e) {
            throw storeFailure(e);
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, not '" + value + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }
}
