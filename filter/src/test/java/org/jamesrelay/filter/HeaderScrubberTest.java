package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesrelay.filter.Mails.BODY;
import static org.jamesrelay.filter.Mails.crlf;
import static org.jamesrelay.filter.Mails.message;
import static org.jamesrelay.filter.Mails.mixed;
import static org.jamesrelay.filter.Mails.parse;
import static org.jamesrelay.filter.Mails.written;

import java.util.List;

import javax.mail.internet.MimeMessage;

import org.jamesrelay.core.HeaderFilter;
import org.junit.jupiter.api.Test;

class HeaderScrubberTest {
    static final String MAIL = "Received: from a\nX-Internal-Route: 1\nFrom: alice@example.com\nBcc: carol@example.org\n"
        + "x-internal-host: relay1\nSubject: hi\nX-Internal-Route: 2\nMIME-Version: 1.0\n"
        + mixed("Content-Type: text/plain\nX-Internal-Part: kept\nBcc: part\n\nhello\n");

    @Test
    void namedFieldsAndPrefixesShouldBeRemovedEverywhereInTheHeader() throws Exception {
        MimeMessage message = parse(MAIL);

        List<String> removed = HeaderScrubber.scrub(message, new HeaderFilter("*", List.of("bcc", "X-Internal-*")));

        assertThat(removed).containsExactly("X-Internal-Route", "Bcc", "x-internal-host");
        assertThat(written(message)).isEqualTo(crlf("Received: from a\nFrom: alice@example.com\nSubject: hi\nMIME-Version: 1.0\n"
            + mixed("Content-Type: text/plain\nX-Internal-Part: kept\nBcc: part\n\nhello\n")));
    }

    @Test
    void nothingToRemoveShouldChangeNothing() throws Exception {
        MimeMessage message = parse(message(mixed(BODY)));

        assertThat(HeaderScrubber.scrub(message, new HeaderFilter("*", List.of("X-Secret")))).isEmpty();
        assertThat(written(message)).isEqualTo(crlf(message(mixed(BODY))));
    }

    @Test
    void fieldsThatSayHowToReadTheBodyShouldStay() throws Exception {
        MimeMessage message = parse(MAIL);

        List<String> removed = HeaderScrubber.scrub(message,
            new HeaderFilter("*", List.of("Content-*", "MIME-Version", "content-transfer-encoding", "Subject")));

        assertThat(removed).containsExactly("Subject");
        assertThat(message.getHeader("MIME-Version")).containsExactly("1.0");
        assertThat(message.getContentType()).startsWith("multipart/mixed");
    }
}
