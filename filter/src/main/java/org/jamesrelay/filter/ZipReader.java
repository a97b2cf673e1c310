package org.jamesrelay.filter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.zip.AbstractUnicodeExtraField;
import org.apache.commons.compress.archivers.zip.ExtraFieldUtils;
import org.apache.commons.compress.archivers.zip.UnicodeCommentExtraField;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipExtraField;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipShort;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Zip archives, read twice in step: the central directory (what unzip and 7-Zip list) and the local headers in the
 * order they come (what streaming readers see, and where the data is). A member's names are those of both, with the
 * Info-ZIP Unicode path (0x7075) of each, which unzip and 7-Zip extract under; its comments are shown names. Names
 * without the UTF-8 flag are read as code page 437, as Windows tools do. Either header's encryption flag makes a
 * member encrypted.
 * <p>
 * The data is read from the local headers' stream, so that nothing is inflated beyond what the inspector asks for;
 * once it wants no more, the members left are listed from the central directory alone.
 * An archive whose local headers and central directory do not list the same members cannot be read whole: tools
 * would extract different files.
 */
final class ZipReader implements ArchiveReader {
    private static final String LEGACY_NAMES = "CP437";

    @Override
    public void read(byte[] zip, Names container, Visitor visitor) throws IOException {
        List<ZipArchiveEntry> central = directory(zip);
        boolean encrypted = false;
        boolean localBroken = false;
        boolean contentWanted = true;
        try (ZipArchiveInputStream stream = new ZipArchiveInputStream(new ByteArrayInputStream(zip), LEGACY_NAMES, false, true)) {
            for (int index = 0; ; index++) {
                Optional<ZipArchiveEntry> local = Optional.empty();
                if (!localBroken && contentWanted) {
                    try {
                        local = Optional.ofNullable(stream.getNextZipEntry());
                    } catch (IOException e) {
                        localBroken = true;
                    }
                }
                Optional<ZipArchiveEntry> listed = index < central.size() ? Optional.of(central.get(index)) : Optional.empty();
                if (listed.isEmpty() && local.isEmpty()) {
                    break;
                }
                if (listed.isEmpty() || (local.isEmpty() && !localBroken && contentWanted)) {
                    throw new IOException("local headers and central directory list different members");
                }
                ZipArchiveEntry entry = listed.get();
                Names names = names(entry, true, Names.of(entry.getName()));
                if (local.isPresent()) {
                    names = names(local.get(), false, names.saved(Optional.of(local.get().getName())));
                }
                boolean memberEncrypted = isEncrypted(entry) || local.map(ZipReader::isEncrypted).orElse(false);
                encrypted |= memberEncrypted;
                if (entry.isDirectory()) {
                    continue;
                }
                Optional<InputStream> content = !memberEncrypted && local.filter(stream::canReadEntryData).isPresent()
                    ? Optional.of(stream) : Optional.empty();
                contentWanted &= visitor.visit(new Member(names, entry.getSize(), memberEncrypted), content);
            }
        }
        if (localBroken && !encrypted && contentWanted) {
            throw new IOException("unreadable local headers");
        }
    }

    private static List<ZipArchiveEntry> directory(byte[] zip) throws IOException {
        try (ZipFile file = new ZipFile(new SeekableInMemoryByteChannel(zip), "zip", LEGACY_NAMES, false, true)) {
            return Collections.list(file.getEntriesInPhysicalOrder());
        }
    }

    /** {@code names} and the Unicode path and comment the central directory or local header of {@code entry} records. */
    private static Names names(ZipArchiveEntry entry, boolean central, Names names) throws IOException {
        byte[] extra = central ? entry.getCentralDirectoryExtra() : entry.getLocalFileDataExtra();
        ZipExtraField[] fields = ExtraFieldUtils.parse(extra, !central, ExtraFieldUtils.UnparseableExtraField.READ);
        return names.saved(unicode(fields, UnicodePathExtraField.UPATH_ID))
            .shown(Optional.ofNullable(central ? entry.getComment() : null))
            .shown(unicode(fields, UnicodeCommentExtraField.UCOM_ID));
    }

    private static Optional<String> unicode(ZipExtraField[] fields, ZipShort id) {
        for (ZipExtraField field : fields) {
            if (field.getHeaderId().equals(id) && field instanceof AbstractUnicodeExtraField) {
                byte[] name = ((AbstractUnicodeExtraField) field).getUnicodeName();
                return Optional.ofNullable(name).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static boolean isEncrypted(ZipArchiveEntry entry) {
        return entry.getGeneralPurposeBit().usesEncryption();
    }
}
