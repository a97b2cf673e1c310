package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TextLinesTest {
    @Test
    void linesShouldBeThoseOfTextDiff() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 2_000; round++) {
            String text = StreamedDiffTest.randomText(random);

            assertThat(lines(text)).isEqualTo(TextDiff.lines(text));
        }
    }

    @Test
    void anEmptyTextShouldHaveNoLineAndAFinalEmptyLineShouldStay() throws Exception {
        assertThat(lines("")).isEmpty();
        assertThat(lines("\n")).containsExactly("");
        assertThat(lines("a\r\n\n")).containsExactly("a", "");
    }

    @Test
    void writtenLinesShouldBeTheTextAsTextDiffRendersIt() throws Exception {
        StringWriter out = new StringWriter();

        TextLines.of(new StringReader("a\r\nb")).writeTo(out);

        assertThat(out.toString()).isEqualTo("a\nb\n");
    }

    @Test
    void linesReadAsATextShouldBeTheTextAsTextDiffRendersItWhateverTheBufferSize() throws Exception {
        Random random = new Random(9);
        for (int round = 0; round < 2_000; round++) {
            String text = StreamedDiffTest.randomText(random);
            Reader reader = TextLines.of(new StringReader(text)).asReader();
            char[] buffer = new char[1 + random.nextInt(5)];
            StringBuilder read = new StringBuilder();
            for (int count = reader.read(buffer); count >= 0; count = reader.read(buffer)) {
                read.append(buffer, 0, count);
            }

            assertThat(read.toString()).isEqualTo(TextDiff.text(TextDiff.lines(text)));
        }
    }

    private static List<String> lines(String text) throws IOException {
        TextLines lines = TextLines.of(new StringReader(text));
        List<String> all = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }
}
