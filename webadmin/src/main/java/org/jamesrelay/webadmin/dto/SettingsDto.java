package org.jamesrelay.webadmin.dto;

import org.jamesrelay.core.RelayPolicy;

/** The policy settings (entries set at most once), as {@code /relay/settings} names them. */
public final class SettingsDto {
    private final String relayMode;
    private final String authenticatedRelay;
    private final boolean authenticatedRelayServedSendersOnly;
    private final boolean servedSendersOnly;
    private final boolean localSendersRequireLogin;
    private final boolean senderRoutesFirst;

    public SettingsDto(RelayPolicy policy) {
        this.relayMode = policy.relayMode().keyword();
        this.authenticatedRelay = policy.authenticatedRelay().mode().keyword();
        this.authenticatedRelayServedSendersOnly = policy.authenticatedRelay().servedSendersOnly();
        this.servedSendersOnly = policy.servedSendersOnly();
        this.localSendersRequireLogin = policy.localSendersRequireLogin();
        this.senderRoutesFirst = policy.routes().senderRoutesFirst();
    }

    public String getRelayMode() {
        return relayMode;
    }

    public String getAuthenticatedRelay() {
        return authenticatedRelay;
    }

    public boolean isAuthenticatedRelayServedSendersOnly() {
        return authenticatedRelayServedSendersOnly;
    }

    public boolean isServedSendersOnly() {
        return servedSendersOnly;
    }

    public boolean isLocalSendersRequireLogin() {
        return localSendersRequireLogin;
    }

    public boolean isSenderRoutesFirst() {
        return senderRoutesFirst;
    }
}
