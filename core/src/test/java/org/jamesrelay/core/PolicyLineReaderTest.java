package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PolicyLineReaderTest {
    @Test
    void linesShouldEndAtLineFeedsWithOrWithoutCarriageReturn() throws Exception {
        assertThat(lines("a\nb\r\nc")).containsExactly("a", "b", "c");
    }

    @Test
    void aFinalLineFeedShouldLeaveAnEmptyLastLine() throws Exception {
        assertThat(lines("a\n")).containsExactly("a", "");
        assertThat(lines("")).containsExactly("");
    }

    @Test
    void aLoneCarriageReturnShouldStayInItsLine() throws Exception {
        assertThat(lines("a\rb\n\r\r\n")).containsExactly("a\rb", "\r", "");
    }

    @Test
    void linesLongerThanTheBufferShouldComeWhole() throws Exception {
        String longLine = "x".repeat(20_000);

        assertThat(lines(longLine + "\r\n" + longLine)).containsExactly(longLine, longLine);
    }

    @Test
    void aReaderThatGivesOneCharacterAtATimeShouldGiveTheSameLines() throws Exception {
        Reader trickle = new Reader() {
            private final StringReader text = new StringReader("one\r\ntwo\n");

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return text.read(buffer, offset, Math.min(length, 1));
            }

            @Override
            public void close() {
            }
        };

        assertThat(lines(new PolicyLineReader(trickle))).containsExactly("one", "two", "");
    }

    private static List<String> lines(String text) throws IOException {
        return lines(new PolicyLineReader(new StringReader(text)));
    }

    private static List<String> lines(PolicyLineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.nextLine(); line != null; line = reader.nextLine()) {
            lines.add(line);
        }
        return lines;
    }
}
