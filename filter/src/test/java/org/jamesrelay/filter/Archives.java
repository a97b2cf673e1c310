package org.jamesrelay.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/** Archives of every format for the corpus, the disguises done to them by hand. Members as name, data, name, data... */
final class Archives {
    private Archives() {
    }

    /** A zip whose member is {@code name} in both headers and {@code unicodePath} in their Info-ZIP Unicode path fields. */
    static byte[] zipWithUnicodePath(String name, String unicodePath, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.addExtraField(new UnicodePathExtraField(unicodePath, name.getBytes(StandardCharsets.US_ASCII)));
            zip.putArchiveEntry(entry);
            zip.write(data);
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A stored zip of one member, renamed in its local header or its central directory to a name of the same length. */
    static byte[] zipRenamed(String name, String other, boolean inLocalHeader, byte[] data) {
        byte[] zip = Zips.stored(name, data);
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        int at = inLocalHeader ? indexOf(zip, wanted, 0) : indexOf(zip, wanted, indexOf(zip, wanted, 0) + 1);
        System.arraycopy(other.getBytes(StandardCharsets.US_ASCII), 0, zip, at, wanted.length);
        return zip;
    }

    /** A stored zip listing {@code listed} in its central directory, with a second member only its local headers have. */
    static byte[] zipWithHiddenMember(String listed, byte[] data, String hidden, byte[] hiddenData) {
        byte[] visible = Zips.stored(listed, data);
        byte[] other = Zips.stored(hidden, hiddenData);
        int directory = u32(visible, visible.length - 6);
        int otherLocal = u32(other, other.length - 6);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(visible, 0, directory);
        bytes.write(other, 0, otherLocal);
        bytes.write(visible, directory, visible.length - directory);
        byte[] zip = bytes.toByteArray();
        int moved = directory + otherLocal;
        for (int i = 0; i < 4; i++) {
            zip[zip.length - 6 + i] = (byte) (moved >>> (8 * i));
        }
        return zip;
    }

    private static int u32(byte[] data, int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
    }

    static byte[] tar(Object... namesAndData) {
        return write(out -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (int i = 0; i < namesAndData.length; i += 2) {
                    byte[] data = (byte[]) namesAndData[i + 1];
                    TarArchiveEntry entry = new TarArchiveEntry((String) namesAndData[i]);
                    entry.setSize(data.length);
                    tar.putArchiveEntry(entry);
                    tar.write(data);
                    tar.closeArchiveEntry();
                }
            }
        });
    }

    /** An old (v7) tar of one member: no {@code ustar} magic, only a header checksum says it is a tar. */
    static byte[] oldTar(String name, byte[] data) {
        byte[] tar = tar(name, data);
        Arrays.fill(tar, 257, 265, (byte) 0);
        Arrays.fill(tar, 148, 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, tar, 148, checksum.length);
        return tar;
    }

    /** A tar whose member {@code name} is preceded by a PAX header of the given records ({@code key=value}). */
    static byte[] tarWithPax(String name, byte[] data, String... records) {
        StringBuilder pax = new StringBuilder();
        for (String record : records) {
            int base = record.length() + 2;
            int length = base + Integer.toString(base).length();
            length += Integer.toString(length).length() - Integer.toString(base).length();
            pax.append(length).append(' ').append(record).append('\n');
        }
        byte[] header = pax.toString().getBytes(StandardCharsets.UTF_8);
        return write(out -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                TarArchiveEntry paxEntry = new TarArchiveEntry("./PaxHeaders/" + name, TarConstants.LF_PAX_EXTENDED_HEADER_LC);
                paxEntry.setSize(header.length);
                tar.putArchiveEntry(paxEntry);
                tar.write(header);
                tar.closeArchiveEntry();
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        });
    }

    static byte[] gzip(byte[] data) {
        return write(out -> {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(data);
            }
        });
    }

    /** A gzip file whose header records {@code name}, as {@code gzip -N} keeps it. */
    static byte[] gzip(String name, byte[] data) {
        GzipParameters parameters = new GzipParameters();
        parameters.setFilename(name);
        return write(out -> {
            try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out, parameters)) {
                gzip.write(data);
            }
        });
    }

    static byte[] bzip2(byte[] data) {
        return write(out -> {
            try (BZip2CompressorOutputStream bzip2 = new BZip2CompressorOutputStream(out)) {
                bzip2.write(data);
            }
        });
    }

    /**
     * A 7z archive holding {@code x.js}, stored (COPY). Written once by commons-compress's SevenZOutputFile with the xz
     * library on the class path: without it, as in James's lib, commons-compress can neither write nor read any 7z.
     */
    static byte[] sevenZ() {
        return ContentSnifferTest.hex("377abcaf271c0002d7764c520a0000000000000032000000000000001b579620616c6572742831293b0a"
            + "0104060001090a0a01cad56a4600070b01000101000c0a0a01cad56a46000800000501110b0078002e006a00730000000000");
    }

    /** The start of an xz stream: what James's readers cannot open without org.tukaani's xz library. */
    static byte[] xz() {
        return Mails.bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46, 0x02, 0x00, 0x21, 0x01);
    }

    static byte[] rar() {
        return Mails.bytes(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00, 0x33, 0x92, 0xb5, 0xe5, 0x0a, 0x01, 0x05, 0x06);
    }

    private static int indexOf(byte[] data, byte[] wanted, int from) {
        for (int i = from; i + wanted.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writer.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }
}
