package org.jamesrelay.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the first bytes of a part say it is, whatever its name and declared type:
 * <ul>
 * <li>{@code executable}: Windows PE ({@code MZ}), ELF, Mach-O (thin and fat, either byte order; fat Mach-O shares
 * {@code CAFEBABE} with Java classes, which are executable too);</li>
 * <li>{@code archive}: each {@link ArchiveFormat};</li>
 * <li>{@code office-macro}: an OLE2 compound file (legacy Office documents, which may carry macros, and encrypted
 * OOXML). OOXML documents with macros are recognized by {@link ArchiveInspector}, which sees their members;</li>
 * <li>{@code script}: a Windows shortcut (LNK), a {@code #!} line or a batch file's {@code @echo off} at the start, or
 * anywhere in the first bytes a marker of Windows Script Host (JScript, VBScript), PowerShell, HTML applications or
 * batch files ({@link #SCRIPT_MARKERS}), in any case, in 8-bit text or UTF-16;</li>
 * <li>{@code pdf}: {@code %PDF-} in the first 1024 bytes, where readers accept it.</li>
 * </ul>
 * A byte order mark before a script signature is skipped.
 */
final class ContentSniffer {
    /** How many first bytes to keep: an ISO 9660 signature is at 32769. */
    static final int HEAD_SIZE = 32 * 1024 + 8;

    /** Text that plain documents seldom hold and scripts of the Windows interpreters usually do; lower case. */
    static final List<String> SCRIPT_MARKERS = List.of(
        "wscript.", "cscript", "activexobject", "createobject(", "getobject(", "shell.application", "on error resume next",
        "<hta:application", "language=\"vbscript\"", "language=\"jscript\"", "vbscript:", "jscript:",
        "invoke-expression", "iex(", "iex (", "-encodedcommand", "downloadstring(", "downloadfile(", "net.webclient",
        "invoke-webrequest", "frombase64string(", "start-process", "set-executionpolicy",
        "cmd.exe /c", "cmd /c", "%comspec%", "powershell -", "powershell.exe");

    private static final List<Signature> SIGNATURES = List.of(
        new Signature("executable", 0x4d, 0x5a),
        new Signature("executable", 0x7f, 0x45, 0x4c, 0x46),
        new Signature("executable", 0xfe, 0xed, 0xfa, 0xce),
        new Signature("executable", 0xfe, 0xed, 0xfa, 0xcf),
        new Signature("executable", 0xce, 0xfa, 0xed, 0xfe),
        new Signature("executable", 0xcf, 0xfa, 0xed, 0xfe),
        new Signature("executable", 0xca, 0xfe, 0xba, 0xbe),
        new Signature("office-macro", 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
        new Signature("script", 0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00));

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
        if (ArchiveFormat.of(head, length).isPresent()) {
            return Optional.of("archive");
        }
        if (indexOf(head, Math.min(length, PDF_WINDOW), PDF) >= 0) {
            return Optional.of("pdf");
        }
        if (isScript(text(head, length))) {
            return Optional.of("script");
        }
        return Optional.empty();
    }

    /** The first bytes as lower-case text: UTF-16 after its byte order mark, else byte for byte, UTF-8's mark skipped. */
    private static String text(byte[] head, int length) {
        boolean utf16 = length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe;
        boolean utf8 = length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
        String text = utf16
            ? new String(head, 2, length - 2, StandardCharsets.UTF_16LE)
            : new String(head, utf8 ? 3 : 0, length - (utf8 ? 3 : 0), StandardCharsets.ISO_8859_1);
        return text.toLowerCase(Locale.ROOT);
    }

    private static boolean isScript(String text) {
        return text.startsWith("#!") || text.startsWith("@echo off") || SCRIPT_MARKERS.stream().anyMatch(text::contains);
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
        private final Magic magic;

        Signature(String kind, int... magic) {
            this.kind = kind;
            this.magic = new Magic(0, magic);
        }

        boolean matches(byte[] head, int length) {
            return magic.matches(head, length);
        }
    }
}
