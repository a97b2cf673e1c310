package org.jamesrelay.core;

import java.util.List;
import java.util.Objects;

/**
 * What a login may use as MAIL FROM besides its own address and its James aliases (Postfix
 * {@code smtpd_sender_login_maps}), and whether its relayed mail must come from a served domain.
 */
public final class SenderLogin {
    private final String login;
    private final List<AddressPattern> owns;
    private final boolean servedSendersOnly;

    public SenderLogin(String login, List<AddressPattern> owns, boolean servedSendersOnly) {
        this.login = Objects.requireNonNull(login);
        this.owns = List.copyOf(owns);
        this.servedSendersOnly = servedSendersOnly;
    }

    public String login() {
        return login;
    }

    public List<AddressPattern> owns() {
        return owns;
    }

    public boolean servedSendersOnly() {
        return servedSendersOnly;
    }

    public boolean grants(EnvelopeAddress sender) {
        return grantsKey(sender.key());
    }

    /** {@link #grants} for the sender of this lookup key ({@link EnvelopeAddress#key()}). */
    boolean grantsKey(String senderKey) {
        for (int i = 0; i < owns.size(); i++) { // indexed: no iterator per decision
            if (owns.get(i).matchesKey(senderKey)) {
                return true;
            }
        }
        return false;
    }

    public String ruleId() {
        return RuleIds.senderLogin(login);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SenderLogin) {
            SenderLogin that = (SenderLogin) o;
            return login.equals(that.login)
                && owns.equals(that.owns)
                && servedSendersOnly == that.servedSendersOnly;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(login, owns, servedSendersOnly);
    }
}
