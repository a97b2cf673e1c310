package org.jamesrelay.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What the first bytes of a part say it is, whatever its name and declared type:
 * <ul>
 * <li>{@code executable}: Windows PE ({@code MZ}), ELF, Mach-O (thin and fat, either byte order; fat Mach-O shares
 * {@code CAFEBABE} with Java classes, which are executable too);</li>
 * <li>{@code script}: a {@code #!} line, or a batch file starting with {@code @echo off} (any case). Scripts without
 * a signature (VBScript, JScript, PowerShell) can only be caught by name;</li>
 * <li>{@code archive}: zip, rar, 7z, gzip, xz, cab, and ISO 9660 disk images;</li>
 * <li>{@code office-macro}: an OLE2 compound file (legacy Office documents, which may carry macros, and encrypted
 * OOXML). OOXML documents with macros are recognized by {@link ZipInspector}, which sees their members;</li>
 * <li>{@code pdf}: {@code %PDF-} in the first 1024 bytes, where readers accept it.</li>
 * </ul>
 * A UTF-8 byte order mark before a script signature is skipped.
 */
final class ContentSniffer {
    /** How many first bytes to keep: an ISO 9660 signature is at 32769. */
    static final int HEAD_SIZE = 32 * 1024 + 8;

    private static final Signature ZIP = new Signature("archive", 0, 0x50, 0x4b, 0x03, 0x04);
    private static final Signature EMPTY_ZIP = new Signature("archive", 0, 0x50, 0x4b, 0x05, 0x06);
    private static final List<Signature> SIGNATURES = List.of(
        new Signature("executable", 0, 0x4d, 0x5a),
        new Signature("executable", 0, 0x7f, 0x45, 0x4c, 0x46),
        new Signature("executable", 0, 0xfe, 0xed, 0xfa, 0xce),
        new Signature("executable", 0, 0xfe, 0xed, 0xfa, 0xcf),
        new Signature("executable", 0, 0xce, 0xfa, 0xed, 0xfe),
        new Signature("executable", 0, 0xcf, 0xfa, 0xed, 0xfe),
        new Signature("executable", 0, 0xca, 0xfe, 0xba, 0xbe),
        ZIP,
        EMPTY_ZIP,
        new Signature("archive", 0, 0x52, 0x61, 0x72, 0x21, 0x1a, 0x07),
        new Signature("archive", 0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c),
        new Signature("archive", 0, 0x1f, 0x8b),
        new Signature("archive", 0, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00),
        new Signature("archive", 0, 0x4d, 0x53, 0x43, 0x46),
        new Signature("archive", 0x8001, 0x43, 0x44, 0x30, 0x30, 0x31),
        new Signature("office-macro", 0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1));

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int PDF_WINDOW = 1024;

    private ContentSniffer() {
    }

    static Optional<String> sniff(byte[] head, int length) {
        for (Signature signature : SIGNATURES) {
            if (signature.matches(head, length)) {
                return Optional.of(signature.kind);
            }
        }
        if (isScript(head, length)) {
            return Optional.of("script");
        }
        if (indexOf(head, Math.min(length, PDF_WINDOW), PDF) >= 0) {
            return Optional.of("pdf");
        }
        return Optional.empty();
    }

    static boolean isZip(byte[] head, int length) {
        return ZIP.matches(head, length) || EMPTY_ZIP.matches(head, length);
    }

    private static boolean isScript(byte[] head, int length) {
        int start = length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
        String text = new String(head, start, Math.min(length - start, 16), StandardCharsets.ISO_8859_1);
        return text.startsWith("#!") || text.regionMatches(true, 0, "@echo off", 0, 9);
    }

    private static int indexOf(byte[] data, int length, byte[] wanted) {
        for (int i = 0; i + wanted.length <= length; i++) {
            int j = 0;
            while (j < wanted.length && data[i + j] == wanted[j]) {
                j++;
            }
            if (j == wanted.length) {
                return i;
            }
        }
        return -1;
    }

    private static final class Signature {
        private final String kind;
        private final int offset;
        private final byte[] magic;

        Signature(String kind, int offset, int... magic) {
            this.kind = kind;
            this.offset = offset;
            this.magic = new byte[magic.length];
            for (int i = 0; i < magic.length; i++) {
                this.magic[i] = (byte) magic[i];
            }
        }

        boolean matches(byte[] data, int length) {
            if (length < offset + magic.length) {
                return false;
            }
            for (int i = 0; i < magic.length; i++) {
                if (data[offset + i] != magic[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
