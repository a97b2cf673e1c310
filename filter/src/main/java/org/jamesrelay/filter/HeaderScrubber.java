package org.jamesrelay.filter;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.jamesrelay.core.HeaderFilter;

/**
 * Removes the header fields a {@code header-filter} names from the top of a message (not from its parts). The fields
 * that say how to read the body (MIME-Version, Content-Type, Content-Transfer-Encoding) stay, whatever the filter
 * says: without them the mail would be another mail.
 */
public final class HeaderScrubber {
    private static final Set<String> STRUCTURAL = Set.of("mime-version", "content-type", "content-transfer-encoding");

    private HeaderScrubber() {
    }

    /** @return the names removed, as first spelled in the message, printable ASCII */
    public static List<String> scrub(MimeMessage message, HeaderFilter filter) throws MessagingException {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Enumeration<Header> headers = message.getAllHeaders(); headers.hasMoreElements(); ) {
            String name = headers.nextElement().getName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (filter.removes(name) && !STRUCTURAL.contains(lower) && seen.add(lower)) {
                names.add(name);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String name : names) {
            message.removeHeader(name);
            removed.add(SafeText.ascii(name));
        }
        return removed;
    }
}
