package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.stream.Collectors;

import org.jamesrelay.core.AddressPattern;
import org.jamesrelay.core.SenderLogin;

/** One {@code sender-login} entry. */
public final class SenderDto {
    private final String login;
    private final List<String> owns;
    private final boolean servedSendersOnly;

    public SenderDto(SenderLogin login) {
        this.login = login.login();
        this.owns = login.owns().stream().map(AddressPattern::asString).collect(Collectors.toList());
        this.servedSendersOnly = login.servedSendersOnly();
    }

    public String getLogin() {
        return login;
    }

    public List<String> getOwns() {
        return owns;
    }

    public boolean isServedSendersOnly() {
        return servedSendersOnly;
    }
}
