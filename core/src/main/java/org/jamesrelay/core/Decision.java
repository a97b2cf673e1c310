package org.jamesrelay.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of the policy for one sender or recipient: the verdict, the SMTP reply to give, and the rule that decided.
 * A warning is carried by decisions that an operator must be told about every time (open relay mode).
 */
public final class Decision {
    private final Verdict verdict;
    private final SmtpReply reply;
    private final String ruleId;
    private final Optional<String> warning;

    public static Decision of(Verdict verdict, SmtpReply reply, String ruleId) {
        return new Decision(verdict, reply, ruleId, Optional.empty());
    }

    private Decision(Verdict verdict, SmtpReply reply, String ruleId, Optional<String> warning) {
        this.verdict = Objects.requireNonNull(verdict);
        this.reply = Objects.requireNonNull(reply);
        this.ruleId = Objects.requireNonNull(ruleId);
        this.warning = warning;
        if (verdict.isAccepted() != reply.isPositive()) {
            throw new IllegalArgumentException("Verdict " + verdict + " does not fit reply " + reply);
        }
        if (verdict == Verdict.TEMPFAIL && !reply.isTransient()) {
            throw new IllegalArgumentException("A temporary failure needs a 4xx reply, got " + reply);
        }
    }

    public Decision withWarning(String warning) {
        return new Decision(verdict, reply, ruleId, Optional.of(warning));
    }

    public Verdict verdict() {
        return verdict;
    }

    public SmtpReply reply() {
        return reply;
    }

    public String ruleId() {
        return ruleId;
    }

    public Optional<String> warning() {
        return warning;
    }

    public boolean isAccepted() {
        return verdict.isAccepted();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Decision) {
            Decision that = (Decision) o;
            return verdict == that.verdict && reply.equals(that.reply) && ruleId.equals(that.ruleId) && warning.equals(that.warning);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(verdict, reply, ruleId, warning);
    }

    @Override
    public String toString() {
        return verdict + " [" + ruleId + "] " + reply + warning.map(w -> " WARNING: " + w).orElse("");
    }
}
