package org.jamesrelay.store.cassandra;

import java.nio.ByteBuffer;
import java.util.UUID;

/** A text written as chunks under one content id: how many, and the SHA-256 digest of its bytes. */
final class ChunkedText {
    final UUID content;
    final int chunks;
    final ByteBuffer digest;

    ChunkedText(UUID content, int chunks, byte[] digest) {
        this.content = content;
        this.chunks = chunks;
        this.digest = ByteBuffer.wrap(digest);
    }
}
