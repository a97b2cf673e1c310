package org.jamesrelay.filter;

/**
 * Names taken from mail, made safe to show: file names are chosen by the sender, and may carry line breaks (header
 * and SMTP reply injection) or bidirectional overrides ({@code invoice\u202Eexe.pdf} shows as {@code invoicefdp.exe}).
 */
final class SafeText {
    private SafeText() {
    }

    /** Printable ASCII only, for log lines, header fields and SMTP replies: everything else becomes {@code ?}. */
    static String ascii(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return ascii.toString();
    }

    /** Any script, but no control or formatting characters (bidirectional overrides, zero-width characters). */
    static String displayable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
            if (hidden) {
                shown.append('?');
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /** At most {@code max} characters, the cut marked with {@code ...}. */
    static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
