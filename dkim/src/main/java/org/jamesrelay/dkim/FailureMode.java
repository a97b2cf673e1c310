package org.jamesrelay.dkim;

import java.util.Arrays;
import java.util.Locale;

/**
 * What happens to a mail of a signing domain that cannot be signed (a key that no longer loads, the keys not read
 * yet): held, the default, so that no mail of a DMARC-protected domain leaves unsigned; or sent unsigned.
 */
public enum FailureMode {
    HOLD("hold"),
    SEND_UNSIGNED("send-unsigned");

    public static final FailureMode DEFAULT = HOLD;

    private final String keyword;

    FailureMode(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static FailureMode of(String keyword) {
        String wanted = keyword.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
            .filter(mode -> mode.keyword.equals(wanted))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown on-failure '" + keyword + "': expected hold or send-unsigned"));
    }
}
