package org.jamesrelay.core;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A domain this server accepts mail for from anyone and forwards, without being its final destination
 * (Postfix {@code relay_domains}), with its valid recipients when they are known ({@code relay_recipient_maps}).
 */
public final class RelayDomain {
    private final String name;
    private final Optional<Set<String>> recipients;
    private final String ruleId;

    public RelayDomain(String name, Optional<Set<String>> recipients) {
        this.name = Objects.requireNonNull(name);
        this.recipients = recipients.map(Set::copyOf);
        this.ruleId = "relay-domain:" + name;
    }

    public String name() {
        return name;
    }

    /** The known recipients as lookup keys ({@link EnvelopeAddress#key()}); empty when any recipient is accepted. */
    public Optional<Set<String>> recipients() {
        return recipients;
    }

    public boolean accepts(EnvelopeAddress recipient) {
        return recipients.map(known -> known.contains(recipient.key())).orElse(true);
    }

    public String ruleId() {
        return ruleId;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RelayDomain) {
            RelayDomain that = (RelayDomain) o;
            return name.equals(that.name)
                && recipients.equals(that.recipients);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, recipients);
    }
}
