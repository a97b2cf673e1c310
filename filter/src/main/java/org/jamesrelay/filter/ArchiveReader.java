package org.jamesrelay.filter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Lists the members of an archive of one format, in archive order, with their content. */
interface ArchiveReader {
    /**
     * @param container the names of the archive itself, for formats that name their one member after it (gzip)
     * @throws EncryptedDirectory when the members cannot even be listed without a password
     * @throws IOException        when the archive cannot be read to its end
     */
    void read(byte[] archive, Names container, Visitor visitor) throws IOException;

    interface Visitor {
        /**
         * @param content the member's uncompressed data; empty when it cannot be read: encrypted, or compressed with a
         *                method the reader does not know
         * @return false when the inspection budget is spent: the reader then lists the members left, if that is cheap,
         *         without their content
         */
        boolean visit(Member member, Optional<InputStream> content);
    }

    /** The archive's directory is encrypted: not even the members' names can be read. */
    final class EncryptedDirectory extends IOException {
        private static final long serialVersionUID = 1L;

        EncryptedDirectory() {
            super("encrypted directory");
        }
    }
}
