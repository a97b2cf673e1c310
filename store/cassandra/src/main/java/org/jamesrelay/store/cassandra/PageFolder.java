package org.jamesrelay.store.cassandra;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.TextChange;

import com.datastax.oss.driver.api.core.DriverException;

/**
 * Folds the changes since a paged base and a new diff into a new base that keeps every page of the old one the changes
 * do not touch ({@link PagedFold}): the cost of a fold is that of the pages it rewrites, its manifest and the logged
 * diffs, not that of the text.
 */
final class PageFolder {
    private static final String READ_ACTION = "read the relay policy from Cassandra";

    private final TextPages pages;
    private final LoggedChanges logged;
    private final ChangeWriter writer;

    PageFolder(TextPages pages, LoggedChanges logged, ChangeWriter writer) {
        this.pages = pages;
        this.logged = logged;
        this.writer = writer;
    }

    /**
     * Folds and moves the head; returns the new version, or empty when this base cannot be folded page by page: not
     * paged, a page not plain, or its manifest, a page or a logged change missing (the head moved meanwhile, or the
     * store lost them; the caller reads the text whole, and finds out which). Fails with an
     * {@link IllegalArgumentException} when {@code diff} does not fit the text.
     */
    Optional<Long> fold(TextDiff diff, Optional<byte[]> encoded, Head replaced, PolicyChange change) throws PolicyStoreException {
        if (!replaced.isPaged()) {
            return Optional.empty();
        }
        Optional<PageManifest> manifest = DriverFailures.call(READ_ACTION, () -> pages.manifest(replaced));
        if (manifest.isEmpty() || !manifest.get().allPlain()) {
            return Optional.empty();
        }
        Optional<List<TextChange>> changes;
        try {
            changes = DriverFailures.call(READ_ACTION, () -> logged.between(replaced.baseVersion, replaced.version));
        } catch (IllegalArgumentException e) {
            throw doesNotApply(replaced.version, e);
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        PagedFold fold = new PagedFold(manifest.get(), pages::lines);
        PagedBase base;
        try {
            for (TextChange since : changes.get()) {
                applyLogged(fold, since, replaced.version);
            }
            fold.apply(diff);
            base = pages.writeManifest(fold.write(pages.pageBytes(), pages::insert));
        } catch (PagedFold.PageUnreadable e) {
            return Optional.empty();
        } catch (DriverException e) {
            throw DriverFailures.translate("fold the relay policy in Cassandra", e);
        }
        Set<UUID> reused = new HashSet<>(manifest.get().ids());
        reused.retainAll(base.manifest.ids());
        return Optional.of(writer.newBase(base, reused, encoded, replaced, replaced.version, change));
    }

    private static void applyLogged(PagedFold fold, TextChange since, long version) throws PolicyStoreException {
        try {
            fold.apply(since.diff());
        } catch (IllegalArgumentException e) {
            throw doesNotApply(version, e);
        }
    }

    /** A logged change that cannot be decoded or applied is a failure of the store, not of the new diff. */
    private static PolicyStoreException doesNotApply(long version, IllegalArgumentException e) {
        return new PolicyStoreException("Cannot " + READ_ACTION + ": a change logged up to version " + version
            + " does not apply (" + e.getMessage() + "); write the policy whole to repair it", e);
    }
}
