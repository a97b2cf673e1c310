package org.jamesrelay.store;

/** Policies of the size the issue "policy at scale" measures: a relay domain and many relay recipients. */
public final class LargePolicies {
    /** A policy of {@code recipients} relay recipients over 100 relay domains: about 44 bytes a recipient. */
    public static String withRecipients(int recipients) {
        StringBuilder text = new StringBuilder(recipients * 45 + 4096);
        text.append("# generated: ").append(recipients).append(" relay recipients\n");
        text.append("trusted-network 127.0.0.1/32\n");
        for (int domain = 0; domain < 100; domain++) {
            text.append("relay-domain d").append(domain).append(".relay.test\n");
        }
        for (int i = 0; i < recipients; i++) {
            text.append("relay-recipient user").append(i).append("@d").append(i % 100).append(".relay.test\n");
        }
        return text.toString();
    }

    private LargePolicies() {
    }
}
