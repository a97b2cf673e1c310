package org.jamesrelay.store.cassandra;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * What a base's manifest says of one of its pages (see {@link PolicyTable}): its id, how many line ends and bytes it
 * holds, the SHA-256 digest of its bytes, and whether it is plain: whole lines, each ended by {@code \n} with no
 * {@code \r}, so that its bytes are exactly its lines rendered again, and a fold may rewrite it alone.
 */
final class PageRef {
    final UUID id;
    final int lines;
    final int bytes;
    final boolean plain;
    final ByteBuffer digest;

    PageRef(UUID id, int lines, int bytes, boolean plain, byte[] digest) {
        this.id = id;
        this.lines = lines;
        this.bytes = bytes;
        this.plain = plain;
        this.digest = ByteBuffer.wrap(digest.clone()).asReadOnlyBuffer();
    }

    byte[] digestBytes() {
        byte[] copy = new byte[digest.remaining()];
        digest.duplicate().get(copy);
        return copy;
    }
}
