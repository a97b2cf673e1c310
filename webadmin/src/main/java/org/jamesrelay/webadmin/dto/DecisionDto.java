package org.jamesrelay.webadmin.dto;

import org.jamesrelay.core.Decision;

/** A decision of the policy on a command: accepted or not, with the reply and the rule that decided. */
public class DecisionDto {
    private final String verdict;
    private final boolean accepted;
    private final ReplyDto reply;
    private final String rule;
    private final String warning;

    public DecisionDto(Decision decision) {
        this.verdict = decision.verdict().name();
        this.accepted = decision.isAccepted();
        this.reply = new ReplyDto(decision.reply());
        this.rule = decision.ruleId();
        this.warning = decision.warning().orElse(null);
    }

    public String getVerdict() {
        return verdict;
    }

    public boolean isAccepted() {
        return accepted;
    }

    public ReplyDto getReply() {
        return reply;
    }

    public String getRule() {
        return rule;
    }

    public String getWarning() {
        return warning;
    }
}
