package org.jamesrelay.filter;

/**
 * Checks raw (still encoded) content byte by byte. JavaMail decodes leniently: it skips characters that are not base64
 * and passes {@code =ZZ} through quoted-printable as it is; what a lenient decoder shows the filter may not be what
 * the recipient's client shows, so such content is refused. Text encodings must not carry NUL bytes.
 */
final class EncodedContentCheck {
    private static final int TEXT = 0;
    private static final int AFTER_EQUALS = 1;
    private static final int AFTER_FIRST_HEX = 2;
    private static final int SOFT_BREAK_SPACE = 3;

    private final String encoding;
    private final boolean base64;
    private final boolean quotedPrintable;
    private int state = TEXT;

    /** @param encoding a Content-Transfer-Encoding in lower case, but {@code binary}, which has nothing to check */
    EncodedContentCheck(String encoding) {
        this.encoding = encoding;
        this.base64 = encoding.equals("base64");
        this.quotedPrintable = encoding.equals("quoted-printable");
    }

    void accept(int b) throws Unparseable {
        if (base64 && !isBase64(b)) {
            throw broken();
        }
        if (b == 0) {
            throw new Unparseable("NUL byte in " + encoding + " content");
        }
        if (quotedPrintable) {
            state = next(b);
        }
    }

    void end() throws Unparseable {
        if (state == AFTER_FIRST_HEX) {
            throw broken();
        }
    }

    /** After {@code =}: two hex digits, or a soft line break, possibly after white space. */
    private int next(int b) throws Unparseable {
        switch (state) {
            case AFTER_EQUALS:
                if (isHex(b)) {
                    return AFTER_FIRST_HEX;
                }
                if (b == '\r' || b == '\n') {
                    return TEXT;
                }
                if (b == ' ' || b == '\t') {
                    return SOFT_BREAK_SPACE;
                }
                throw broken();
            case AFTER_FIRST_HEX:
                if (isHex(b)) {
                    return TEXT;
                }
                throw broken();
            case SOFT_BREAK_SPACE:
                if (b == ' ' || b == '\t') {
                    return SOFT_BREAK_SPACE;
                }
                if (b == '\r' || b == '\n') {
                    return TEXT;
                }
                throw broken();
            default:
                return b == '=' ? AFTER_EQUALS : TEXT;
        }
    }

    private Unparseable broken() {
        return new Unparseable("broken " + encoding + " content");
    }

    private static boolean isHex(int b) {
        return b >= '0' && b <= '9' || b >= 'A' && b <= 'F' || b >= 'a' && b <= 'f';
    }

    private static boolean isBase64(int b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/' || b == '='
            || b == '\r' || b == '\n' || b == ' ' || b == '\t';
    }
}
