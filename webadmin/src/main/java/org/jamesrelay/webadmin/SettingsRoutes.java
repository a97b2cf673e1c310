package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.webadmin.dto.SettingsDto;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The settings of the policy, under {@code /relay/settings}: all of them at once, with the defaults for those the
 * policy does not set, and one at a time by name ({@link RelaySetting}).
 */
public class SettingsRoutes extends RelayApiRoutes {
    private static final String SETTINGS = RelayApi.BASE_PATH + "/settings";
    private static final String SETTING = SETTINGS + "/:name";

    private final PolicyAccess access;

    @Inject
    public SettingsRoutes(PolicyAccess access) {
        this.access = access;
    }

    @Override
    public void define(Service service) {
        service.get(SETTINGS, (request, response) -> new SettingsDto(access.reader().snapshot()), access.jsonTransformer());
        service.put(SETTING, this::putSetting);
    }

    private String putSetting(Request request, Response response) {
        RelaySetting setting = badRequestUnless(() -> RelaySetting.named(request.params("name")));
        JsonBody value = badRequestUnless(() -> JsonBody.parse(Optional.ofNullable(RequestBody.text(request)).filter(text -> !text.isBlank())
            .orElseThrow(() -> new IllegalArgumentException("the request has no body: send the value as JSON, e.g. " + example(setting)))));
        Predicate<PolicyDocument.Entry> matching = entry -> entry.keyword().equals(setting.keyword());
        return access.writer().edit(request, response, document -> {
            String line = badRequestUnless(() -> setting.line(value.node(), access.reader().policyOf(document)));
            return EntryEdit.of("set " + setting.keyword(), document, matching, List.of(line), document.replace(matching, line));
        });
    }

    private static String example(RelaySetting setting) {
        switch (setting) {
            case RELAY_MODE:
                return "\"policy\"";
            case AUTHENTICATED_RELAY:
                return "\"tls-only\"";
            default:
                return "true";
        }
    }
}
