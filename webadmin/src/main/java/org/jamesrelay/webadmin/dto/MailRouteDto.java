package org.jamesrelay.webadmin.dto;

import java.util.List;

/** The recipients of a waiting mail that one route takes, with the rule that chose it and its next hops. */
public final class MailRouteDto {
    private final String rule;
    private final String hops;
    private final List<String> recipients;

    public MailRouteDto(String rule, String hops, List<String> recipients) {
        this.rule = rule;
        this.hops = hops;
        this.recipients = List.copyOf(recipients);
    }

    /** E.g. {@code route:relay.test}, {@code sender-route:@local.test}, {@code default-route:direct}. */
    public String getRule() {
        return rule;
    }

    /** {@code direct} or {@code [host]:port,...}, as in the policy. */
    public String getHops() {
        return hops;
    }

    public List<String> getRecipients() {
        return recipients;
    }
}
