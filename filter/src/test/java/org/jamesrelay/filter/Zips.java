package org.jamesrelay.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zip archives for the corpus, and the damage done to them by hand. */
final class Zips {
    private Zips() {
    }

    /** Members as name, data, name, data, ...; deflated. */
    static byte[] zip(Object... namesAndData) {
        return build(ZipEntry.DEFLATED, namesAndData);
    }

    /** Stored members: their local headers carry their sizes, so they can be patched in place. */
    static byte[] stored(Object... namesAndData) {
        return build(ZipEntry.STORED, namesAndData);
    }

    private static byte[] build(int method, Object... namesAndData) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndData.length; i += 2) {
                byte[] data = (byte[]) namesAndData[i + 1];
                ZipEntry entry = new ZipEntry((String) namesAndData[i]);
                entry.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Sets the encryption flag (general purpose bit 0) of the first member, in its local header and/or in the central
     * directory: what ZipCrypto and AES archives carry. The data is not really encrypted: the flag is what is detected.
     */
    static byte[] encryptFirst(byte[] zip, boolean localHeader, boolean directory) {
        byte[] patched = zip.clone();
        if (localHeader) {
            patched[6] |= 1;
        }
        if (directory) {
            patched[directoryOffset(patched) + 8] |= 1;
        }
        return patched;
    }

    /** Sets the compression method of the first member, in both headers. */
    static byte[] methodOfFirst(byte[] zip, int method) {
        byte[] patched = zip.clone();
        patched[8] = (byte) method;
        patched[directoryOffset(patched) + 10] = (byte) method;
        return patched;
    }

    /** An archive without a comment: its end record is its last 22 bytes. */
    private static int directoryOffset(byte[] zip) {
        int end = zip.length - 22;
        return (zip[end + 16] & 0xff) | (zip[end + 17] & 0xff) << 8 | (zip[end + 18] & 0xff) << 16 | (zip[end + 19] & 0xff) << 24;
    }
}
