package org.jamesrelay.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * A first pass over a tar archive's headers, before commons-compress reads it: it keeps the name each header
 * records (the ustar name, which tools without PAX or GNU long-name support save a member under), and refuses the
 * PAX time values that make commons-compress 1.22 spin (CVE-2023-42503: {@code mtime=1e999999}, parsed as a
 * {@code BigDecimal}, keeps it busy for more than 20 seconds). Old GNU sparse files, whose headers continue in
 * extension blocks, are refused too.
 */
final class TarHeaders {
    /** How member names are decoded, here and by {@link TarReader}. */
    static final String ENCODING = StandardCharsets.UTF_8.name();

    private static final ZipEncoding NAMES = ZipEncodingHelper.getZipEncoding(ENCODING);

    private static final int BLOCK = 512;
    private static final Pattern DECIMAL_SECONDS = Pattern.compile("-?[0-9]{1,19}(\\.[0-9]{1,19})?");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");

    private TarHeaders() {
    }

    /** The name in each member's own header, in archive order, directories included. */
    static List<String> names(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        long nextSize = -1;
        int position = 0;
        while (position + BLOCK <= tar.length && !isZeros(tar, position)) {
            TarArchiveEntry header = header(tar, position);
            long size = nextSize >= 0 ? nextSize : header.getSize();
            nextSize = -1;
            long end = position + BLOCK + size;
            if (size < 0 || end > tar.length) {
                throw new IOException("tar member beyond the end of the archive");
            }
            if (header.isPaxHeader() || header.isGlobalPaxHeader()) {
                nextSize = checkedPax(tar, position + BLOCK, (int) size, header.isPaxHeader());
            } else if (header.isOldGNUSparse()) {
                throw new IOException("old GNU sparse file");
            } else if (!header.isGNULongNameEntry() && !header.isGNULongLinkEntry()) {
                names.add(header.getName());
            }
            position = (int) (position + BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK);
        }
        return names;
    }

    private static TarArchiveEntry header(byte[] tar, int position) throws IOException {
        try {
            return new TarArchiveEntry(Arrays.copyOfRange(tar, position, position + BLOCK), NAMES);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad tar header", e);
        }
    }

    /** Checks the records {@code length decimal-key=value\n} of a PAX header; returns the size it sets for the next member, or -1. */
    private static long checkedPax(byte[] tar, int start, int length, boolean local) throws IOException {
        long size = -1;
        int position = start;
        int end = start + length;
        while (position < end && tar[position] != 0) {
            int space = position;
            while (space < end && tar[space] != ' ') {
                space++;
            }
            String count = new String(tar, position, space - position, StandardCharsets.US_ASCII);
            if (!NUMBER.matcher(count).matches() || Long.parseLong(count) < space - position + 2 || position + Long.parseLong(count) > end) {
                throw new IOException("bad PAX record");
            }
            String record = new String(tar, space + 1, position + Integer.parseInt(count) - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            String key = equals < 0 ? record : record.substring(0, equals);
            String value = equals < 0 ? "" : record.substring(equals + 1);
            if (key.endsWith("time") && !value.isEmpty() && !DECIMAL_SECONDS.matcher(value).matches()) {
                throw new IOException("PAX time value commons-compress 1.22 cannot parse safely");
            }
            if (local && key.equals("size") && NUMBER.matcher(value).matches()) {
                size = Long.parseLong(value);
            }
            position += Integer.parseInt(count);
        }
        return size;
    }

    private static boolean isZeros(byte[] tar, int position) {
        for (int i = position; i < position + BLOCK; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
