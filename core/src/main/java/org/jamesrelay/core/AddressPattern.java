package org.jamesrelay.core;

import java.util.Objects;

/**
 * One address ({@code printer@local.test}) or a whole domain ({@code @apps.local.test}), as written in the policy.
 */
public final class AddressPattern {
    private final String value;
    private final boolean wholeDomain;

    public static AddressPattern parse(String value) {
        try {
            if (value.startsWith("@")) {
                return new AddressPattern(DomainNames.normalize(value.substring(1)), true);
            }
            EnvelopeAddress address = EnvelopeAddress.parse(value);
            if (address.senderRouting().isPresent()) {
                throw new IllegalArgumentException("'" + value + "' uses " + address.senderRouting().get());
            }
            return new AddressPattern(address.key(), false);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is neither an address nor @domain: " + e.getMessage());
        }
    }

    private AddressPattern(String value, boolean wholeDomain) {
        this.value = value;
        this.wholeDomain = wholeDomain;
    }

    public boolean matches(EnvelopeAddress address) {
        return matchesKey(address.key());
    }

    /** Whether the address of this lookup key ({@link EnvelopeAddress#key()}) matches. */
    boolean matchesKey(String addressKey) {
        return wholeDomain ? AddressKeys.hasDomain(addressKey, value) : addressKey.equals(value);
    }

    public String asString() {
        return wholeDomain ? "@" + value : value;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof AddressPattern) {
            AddressPattern that = (AddressPattern) o;
            return wholeDomain == that.wholeDomain && value.equals(that.value);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, wholeDomain);
    }

    @Override
    public String toString() {
        return asString();
    }
}
