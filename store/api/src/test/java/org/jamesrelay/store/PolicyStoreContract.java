package org.jamesrelay.store;

/**
 * The behaviour every policy store has: that of a versioned text store, on policy texts. A store's test implements
 * this interface and supplies an empty store.
 */
public interface PolicyStoreContract extends VersionedTextStoreContract<StoredPolicy> {
    String POLICY = "# the policy\ntrusted-network 127.0.0.1/32\nrelay-domain relay.test\n";
    String OTHER_POLICY = "trusted-network 127.0.0.1/32\ntrusted-network 192.0.2.0/24\n";
    PolicyChange ADD_NETWORK = new PolicyChange("admin", "add trusted-network", "", "trusted-network 192.0.2.0/24");

    /** A store with nothing in it. */
    PolicyStore store();

    @Override
    default VersionedTextStore<StoredPolicy> textStore() {
        return store();
    }

    @Override
    default String sampleText() {
        return POLICY;
    }

    @Override
    default String otherSampleText() {
        return OTHER_POLICY;
    }

    @Override
    default PolicyChange sampleChange() {
        return ADD_NETWORK;
    }
}
