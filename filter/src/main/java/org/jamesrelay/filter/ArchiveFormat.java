package org.jamesrelay.filter;

import java.util.Arrays;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * The archive and compression formats, told by their first bytes: those the inspector opens with commons-compress,
 * and those it only recognizes (rar, cab, ISO 9660 images), whose content stays unknown.
 */
enum ArchiveFormat {
    ZIP(true, 0, 0x50, 0x4b, 0x03, 0x04),
    EMPTY_ZIP(true, 0, 0x50, 0x4b, 0x05, 0x06),
    SEVEN_Z(true, 0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c),
    GZIP(true, 0, 0x1f, 0x8b),
    BZIP2(true, 0, 0x42, 0x5a, 0x68),
    XZ(true, 0, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00),
    /** POSIX ustar and GNU tar, {@code ustar} at 257; and old (v7) tar, whose only mark is a valid header checksum. */
    TAR(true, 257, 0x75, 0x73, 0x74, 0x61, 0x72),
    RAR(false, 0, 0x52, 0x61, 0x72, 0x21, 0x1a, 0x07),
    CAB(false, 0, 0x4d, 0x53, 0x43, 0x46),
    ISO_9660(false, 0x8001, 0x43, 0x44, 0x30, 0x30, 0x31);

    private static final int TAR_BLOCK = 512;

    private final boolean opened;
    private final Magic magic;

    ArchiveFormat(boolean opened, int offset, int... magic) {
        this.opened = opened;
        this.magic = new Magic(offset, magic);
    }

    static Optional<ArchiveFormat> of(byte[] head, int length) {
        return Arrays.stream(values()).filter(format -> format.matches(head, length)).findFirst();
    }

    /** Whether the inspector lists and reads its members. */
    boolean opened() {
        return opened;
    }

    private boolean matches(byte[] head, int length) {
        if (this == TAR) {
            return magic.matches(head, length) || isOldTar(head, length);
        }
        // bzip2's three bytes are letters: its block size digit follows.
        return magic.matches(head, length) && (this != BZIP2 || length > 3 && head[3] >= '1' && head[3] <= '9');
    }

    private static boolean isOldTar(byte[] head, int length) {
        if (length < TAR_BLOCK || head[0] == 0) {
            return false;
        }
        try {
            return TarUtils.verifyCheckSum(Arrays.copyOf(head, TAR_BLOCK));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
