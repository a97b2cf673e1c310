package org.jamesrelay.james;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jamesrelay.core.LocalDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's directory as the relay sees it: the domains and domain aliases, copied at each refresh (a few, whatever the
 * size of the RecipientRewriteTable), and the aliases of addresses, looked up when used and remembered until the next
 * refresh. A failed read keeps the last copy.
 */
final class DirectoryMirror {
    private static final Logger LOGGER = LoggerFactory.getLogger(DirectoryMirror.class);

    /** More distinct senders than this within one refresh interval are looked up each time, not remembered. */
    static final int REMEMBERED_ADDRESSES = 10_000;

    private final DirectorySource domains;
    private final AliasCache aliases;
    private final AtomicReference<LocalDirectory> copy = new AtomicReference<>();
    private final AtomicBoolean failing = new AtomicBoolean(false);

    DirectoryMirror(DirectorySource domains, AliasSource aliases) {
        this.domains = domains;
        this.aliases = new AliasCache(aliases, REMEMBERED_ADDRESSES);
    }

    /** The domains as last read, empty until they could be read once. */
    Optional<LocalDirectory> current() {
        return Optional.ofNullable(copy.get());
    }

    AliasSource aliases() {
        return aliases;
    }

    /** Reads the domains again and forgets the aliases looked up; true when the domains changed. */
    boolean refresh() {
        aliases.clear();
        try {
            LocalDirectory fresh = domains.read();
            boolean changed = !fresh.equals(copy.getAndSet(fresh));
            if (failing.compareAndSet(true, false)) {
                LOGGER.info("James's domains and aliases can be read again");
            }
            return changed;
        } catch (Exception e) {
            if (failing.compareAndSet(false, true)) {
                LOGGER.warn("Cannot read James's domains and aliases; decisions use the last copy ({})",
                    copy.get() == null ? "none yet: answering with temporary failures" : "kept", e);
            }
            return false;
        }
    }
}
