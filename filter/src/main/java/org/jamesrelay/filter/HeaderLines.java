package org.jamesrelay.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimePart;

/**
 * The header lines of a part exactly as they are (folding included), to put them back after JavaMail has rewritten
 * them: {@code saveChanges()} moves Content-Type to the end, drops Content-Transfer-Encoding from multiparts, and
 * sets Message-ID, Date and MIME-Version on messages.
 */
final class HeaderLines {
    private HeaderLines() {
    }

    static List<String> of(MimePart part) throws MessagingException {
        return Collections.list(part.getAllHeaderLines());
    }

    static void replace(MimePart part, List<String> lines) throws MessagingException {
        Set<String> names = new LinkedHashSet<>();
        for (Enumeration<Header> headers = part.getAllHeaders(); headers.hasMoreElements(); ) {
            names.add(headers.nextElement().getName());
        }
        for (String name : names) {
            part.removeHeader(name);
        }
        for (String line : lines) {
            part.addHeaderLine(line);
        }
    }

    /** {@code lines} with its Content-* fields replaced by those of {@code content}, where the first of them was. */
    static List<String> withContentFields(List<String> lines, List<String> content) {
        List<String> contentFields = new ArrayList<>();
        for (String line : content) {
            if (isContentField(line)) {
                contentFields.add(line);
            }
        }
        List<String> replaced = new ArrayList<>();
        boolean inserted = false;
        for (String line : lines) {
            if (!isContentField(line)) {
                replaced.add(line);
            } else if (!inserted) {
                replaced.addAll(contentFields);
                inserted = true;
            }
        }
        if (!inserted) {
            replaced.addAll(contentFields);
        }
        return replaced;
    }

    static boolean hasField(List<String> lines, String name) {
        return lines.stream().anyMatch(line -> name(line).equals(name.toLowerCase(Locale.ROOT)));
    }

    private static boolean isContentField(String line) {
        return name(line).startsWith("content-");
    }

    private static String name(String line) {
        int colon = line.indexOf(':');
        return (colon < 0 ? line : line.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    }
}
