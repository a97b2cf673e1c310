package org.jamesrelay.core;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A domain this server accepts mail for from anyone and forwards, without being its final destination
 * (Postfix {@code relay_domains}), with its valid recipients when they are known ({@code relay_recipient_maps}), in a
 * {@link RecipientTable} that holds millions of them compactly.
 */
public final class RelayDomain {
    private final String name;
    private final Optional<RecipientTable> recipientTable;
    private final String ruleId;

    /** @param recipients lookup keys ({@link EnvelopeAddress#key()}) of this domain; empty when any recipient is accepted */
    public RelayDomain(String name, Optional<Set<String>> recipients) {
        this(recipients.map(keys -> RecipientTable.of(name, keys)), name);
    }

    /** The parameters in the other order: an {@code Optional} of another type does not make another signature. */
    private RelayDomain(Optional<RecipientTable> recipientTable, String name) {
        this.name = Objects.requireNonNull(name);
        this.recipientTable = recipientTable;
        this.ruleId = "relay-domain:" + name;
        if (recipientTable.isPresent() && !recipientTable.get().domain().equals(name)) {
            throw new IllegalArgumentException("the recipients of " + recipientTable.get().domain() + " are not those of " + name);
        }
    }

    public static RelayDomain withRecipients(String name, RecipientTable recipients) {
        return new RelayDomain(Optional.of(recipients), name);
    }

    /** A relay domain that accepts any recipient. */
    public static RelayDomain anyRecipient(String name) {
        return new RelayDomain(Optional.empty(), name);
    }

    public String name() {
        return name;
    }

    /**
     * The known recipients as lookup keys ({@link EnvelopeAddress#key()}); empty when any recipient is accepted. A view
     * of the {@link #recipientTable()}: its size and lookups are cheap, iterating it decodes every key.
     */
    public Optional<Set<String>> recipients() {
        return recipientTable.map(RecipientTable::asSet);
    }

    /** The known recipients; empty when any recipient is accepted. */
    public Optional<RecipientTable> recipientTable() {
        return recipientTable;
    }

    public boolean accepts(EnvelopeAddress recipient) {
        return acceptsKey(recipient.key());
    }

    /** Whether the recipient of this lookup key ({@link EnvelopeAddress#key()}) is accepted. */
    boolean acceptsKey(String recipientKey) {
        return recipientTable.isEmpty() || recipientTable.get().contains(recipientKey);
    }

    public String ruleId() {
        return ruleId;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RelayDomain) {
            RelayDomain that = (RelayDomain) o;
            return name.equals(that.name)
                && recipientTable.equals(that.recipientTable);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, recipientTable);
    }
}
