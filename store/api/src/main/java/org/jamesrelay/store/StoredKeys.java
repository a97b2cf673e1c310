package org.jamesrelay.store;

/**
 * The DKIM keys as a store holds them, and the version that identifies this content. The text holds private
 * keys: {@link #toString()} does not show it.
 */
public final class StoredKeys extends StoredText {
    public StoredKeys(String text, long version) {
        super(text, version);
    }

    /** The same text and version, as keys. */
    public static StoredKeys of(StoredText stored) {
        return new StoredKeys(stored.text(), stored.version());
    }

    @Override
    public String toString() {
        return "StoredKeys{version=" + version() + "}";
    }
}
