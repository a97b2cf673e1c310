package org.jamesrelay.store.cassandra;

import java.nio.ByteBuffer;
import java.util.UUID;

/** A base written as pages and a manifest under one content id: what the head names (see {@link PolicyTable}). */
final class PagedBase {
    final UUID content;
    final PageManifest manifest;
    /** How many rows the manifest has. */
    final int rows;
    /** The SHA-256 digest of the manifest's rows. */
    final ByteBuffer digest;

    PagedBase(UUID content, PageManifest manifest, int rows, byte[] digest) {
        this.content = content;
        this.manifest = manifest;
        this.rows = rows;
        this.digest = ByteBuffer.wrap(digest);
    }
}
