package org.jamesrelay.core;

/**
 * Reads the lookup key of an address ({@link EnvelopeAddress#key()}: local part in lower case, '@', domain) in place,
 * so that a decision can work on the key alone. A domain holds no '@': the last one starts it.
 */
final class AddressKeys {
    private AddressKeys() {
    }

    /** Where the domain starts in the key. */
    static int domainStart(String key) {
        return key.lastIndexOf('@') + 1;
    }

    /** The domain, copied out of the key. */
    static String domain(String key) {
        return key.substring(domainStart(key));
    }

    /** Whether the domain is this one (in lower case), compared in place. */
    static boolean hasDomain(String key, String lowerCaseDomain) {
        int start = domainStart(key);
        return key.length() - start == lowerCaseDomain.length() && key.startsWith(lowerCaseDomain, start);
    }
}
