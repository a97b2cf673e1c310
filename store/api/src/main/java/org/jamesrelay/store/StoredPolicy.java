package org.jamesrelay.store;

/**
 * The policy text as a store holds it, and the version that identifies this content.
 */
public final class StoredPolicy extends StoredText {
    public StoredPolicy(String text, long version) {
        super(text, version);
    }

    @Override
    public String toString() {
        return "StoredPolicy{version=" + version() + ", " + text().length() + " characters}";
    }
}
