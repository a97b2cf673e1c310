package org.jamesrelay.webadmin;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jamesrelay.core.AuthenticatedRelay;
import org.jamesrelay.core.PolicyFileWriter;
import org.jamesrelay.core.RelayPolicy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The policy settings (entries set at most once) as WebAdmin names them, with the policy file keyword each one
 * writes. {@code authenticatedRelay} and {@code authenticatedRelayServedSendersOnly} share the
 * {@code authenticated-relay} line: setting one keeps the other.
 */
enum RelaySetting {
    RELAY_MODE("relayMode", "relay-mode"),
    AUTHENTICATED_RELAY("authenticatedRelay", "authenticated-relay"),
    AUTHENTICATED_RELAY_SERVED_SENDERS_ONLY("authenticatedRelayServedSendersOnly", "authenticated-relay"),
    SERVED_SENDERS_ONLY("servedSendersOnly", "served-senders-only"),
    LOCAL_SENDERS_REQUIRE_LOGIN("localSendersRequireLogin", "local-senders-require-login"),
    SENDER_ROUTES_FIRST("senderRoutesFirst", "sender-routes-first");

    private final String jsonName;
    private final String keyword;

    RelaySetting(String jsonName, String keyword) {
        this.jsonName = jsonName;
        this.keyword = keyword;
    }

    String jsonName() {
        return jsonName;
    }

    /** The policy entry this setting is written in. */
    String keyword() {
        return keyword;
    }

    /**
     * The setting called {@code name}: its WebAdmin name ({@code relayMode}) or its policy keyword ({@code relay-mode});
     * {@code authenticated-relay-served-senders-only} for the option of {@code authenticated-relay}.
     */
    static RelaySetting named(String name) {
        for (RelaySetting setting : values()) {
            if (setting.jsonName.equalsIgnoreCase(name) || setting.alias().equalsIgnoreCase(name)) {
                return setting;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + name + "'; the settings are " + names());
    }

    private String alias() {
        return this == AUTHENTICATED_RELAY_SERVED_SENDERS_ONLY ? "authenticated-relay-served-senders-only" : keyword;
    }

    static String names() {
        return Arrays.stream(values()).map(RelaySetting::jsonName).collect(Collectors.joining(", "));
    }

    /** The entry line that gives this setting {@code value}, the other settings of {@code current} kept. */
    String line(JsonNode value, RelayPolicy current) {
        AuthenticatedRelay authenticated = current.authenticatedRelay();
        switch (this) {
            case RELAY_MODE:
                return PolicyValues.checked(PolicyFileWriter.relayMode(choice(value, RelayPolicy.RelayMode.values(), RelayPolicy.RelayMode::keyword)));
            case AUTHENTICATED_RELAY:
                return PolicyValues.checked(PolicyFileWriter.authenticatedRelay(new AuthenticatedRelay(
                    choice(value, AuthenticatedRelay.Mode.values(), AuthenticatedRelay.Mode::keyword), authenticated.servedSendersOnly())));
            case AUTHENTICATED_RELAY_SERVED_SENDERS_ONLY:
                return PolicyValues.checked(PolicyFileWriter.authenticatedRelay(new AuthenticatedRelay(authenticated.mode(), yesNo(value))));
            default:
                return PolicyValues.checked(PolicyFileWriter.setting(keyword, yesNo(value)));
        }
    }

    private <E extends Enum<E>> E choice(JsonNode value, E[] choices, Function<E, String> keywordOf) {
        String names = Arrays.stream(choices).map(keywordOf).collect(Collectors.joining(", "));
        if (!value.isTextual()) {
            throw new IllegalArgumentException(jsonName + " must be a string, one of " + names + "; got " + JsonBody.kind(value));
        }
        String text = value.asText().toLowerCase(Locale.ROOT);
        return Arrays.stream(choices).filter(choice -> keywordOf.apply(choice).equals(text)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(jsonName + " must be one of " + names + ", not '" + value.asText() + "'"));
    }

    private boolean yesNo(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual()) {
            switch (value.asText().toLowerCase(Locale.ROOT)) {
                case "true":
                case "yes":
                    return true;
                case "false":
                case "no":
                    return false;
                default:
                    break;
            }
            throw new IllegalArgumentException(jsonName + " must be true or false, not '" + value.asText() + "'");
        }
        throw new IllegalArgumentException(jsonName + " must be true or false, not " + JsonBody.kind(value));
    }
}
