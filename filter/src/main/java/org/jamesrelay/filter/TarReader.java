package org.jamesrelay.filter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Tar archives (POSIX ustar and PAX, GNU). A member is saved under its PAX path or GNU long name by most tools, under
 * the name in its own header by the others: both are its names. A header name that is only the long name cut short
 * is checked against the rules but is no disagreement. A link is listed under its own name and its target's.
 */
final class TarReader implements ArchiveReader {
    @Override
    public void read(byte[] tar, Names container, Visitor visitor) throws IOException {
        List<String> headerNames = TarHeaders.names(tar);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar), TarHeaders.ENCODING)) {
            int index = 0;
            boolean contentWanted = true;
            for (TarArchiveEntry entry = in.getNextTarEntry(); entry != null; entry = in.getNextTarEntry(), index++) {
                if (entry.isDirectory()) {
                    continue;
                }
                Optional<String> header = index < headerNames.size() ? Optional.of(headerNames.get(index)) : Optional.empty();
                String name = entry.getName();
                boolean cutShort = header.map(name::startsWith).orElse(false);
                Names names = Names.of(name);
                names = cutShort ? names.shown(header) : names.saved(header);
                if (entry.isLink() || entry.isSymbolicLink()) {
                    names = names.shown(Optional.of(entry.getLinkName()));
                }
                Optional<InputStream> content = contentWanted ? Optional.of(in) : Optional.empty();
                contentWanted &= visitor.visit(new Member(names, entry.getSize(), false), content);
            }
            if (index != headerNames.size()) {
                throw new IOException("tar headers and members disagree");
            }
        }
    }
}
