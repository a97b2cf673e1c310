package org.jamesrelay.store.cassandra;

/**
 * The relay recipients {@link RowPerEntryComparison} stores both ways: {@code user<i>@d<i % domains>.relay.test},
 * as rows of {@link RecipientRowTable} or as the lines of one policy text.
 */
final class RecipientAddresses {
    /** The lines of {@link #policyText} before the first relay recipient: a comment and a trusted network. */
    static final int HEADER_LINES = 2;

    static String localPart(int recipient) {
        return "user" + recipient;
    }

    static String domain(int domainIndex) {
        return "d" + domainIndex + ".relay.test";
    }

    static String recipientLine(String localPart, String domain) {
        return "relay-recipient " + localPart + "@" + domain;
    }

    /** The header, a relay-domain line per domain, then the recipients in the order of their numbers. */
    static String policyText(int recipients, int domains) {
        StringBuilder text = new StringBuilder(recipients * 45 + domains * 40 + 256);
        text.append("# generated: ").append(recipients).append(" relay recipients over ").append(domains).append(" domains\n");
        text.append("trusted-network 127.0.0.1/32\n");
        for (int domain = 0; domain < domains; domain++) {
            text.append("relay-domain ").append(domain(domain)).append('\n');
        }
        for (int i = 0; i < recipients; i++) {
            text.append(recipientLine(localPart(i), domain(i % domains))).append('\n');
        }
        return text.toString();
    }

    private RecipientAddresses() {
    }
}
