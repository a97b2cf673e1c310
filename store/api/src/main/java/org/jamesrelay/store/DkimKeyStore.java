package org.jamesrelay.store;

/**
 * Where the DKIM signing keys are kept, private keys included, shared by every relay node that uses the same store so
 * that all of them sign with the same keys. Like the policy, the keys are kept as one text (the keyring format of
 * the dkim module), written whole, conditionally on the version the writer read, every write audited. The store
 * never logs or returns the text except through {@link #read()}; audit entries carry what the writer put in them,
 * which must describe keys by their public fingerprint only.
 */
public interface DkimKeyStore extends VersionedTextStore<StoredKeys> {
}
