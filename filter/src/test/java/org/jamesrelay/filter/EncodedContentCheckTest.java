package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodedContentCheckTest {

    static ThrowingCallable check(String encoding, String raw) {
        return () -> {
            EncodedContentCheck check = new EncodedContentCheck(encoding);
            for (byte b : raw.replace("\\0", "\0").replace("\\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1)) {
                check.accept(b & 0xff);
            }
            check.end();
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "base64|TVqQAA==\\nAAAA",
        "base64|TVqQ AAAA\tAA==",
        "quoted-printable|caf=C3=A9 =3d=3D soft=\\nbreak",
        "quoted-printable|trailing space soft break= \t\\nnext",
        "quoted-printable|ends with a soft break=",
        "7bit|plain text\\n",
        "8bit|caf\u00e9\\n"
    })
    void wellEncodedContentShouldPass(String encoding, String raw) {
        assertThatCode(check(encoding, raw)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "base64|TVqQ!AAA|broken base64 content",
        "base64|TVqQ\u00e9AAA|broken base64 content",
        "base64|TVqQ\\0AAA|broken base64 content",
        "quoted-printable|abc=ZZdef|broken quoted-printable content",
        "quoted-printable|abc=4|broken quoted-printable content",
        "quoted-printable|abc=4Z|broken quoted-printable content",
        "quoted-printable|abc= x|broken quoted-printable content",
        "quoted-printable|nul\\0byte|NUL byte in quoted-printable content",
        "7bit|nul\\0byte|NUL byte in 7bit content",
        "8bit|nul\\0byte|NUL byte in 8bit content"
    })
    void badlyEncodedContentShouldBeUnparseable(String encoding, String raw, String reason) {
        assertThat(catchThrowable(check(encoding, raw)))
            .isInstanceOf(Unparseable.class)
            .hasMessage(reason);
    }
}
