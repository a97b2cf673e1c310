package org.jamesrelay.store;

import java.util.Objects;

/**
 * What a write changes, in words for the audit trail: who, what, and the entries before and after
 * ({@code trusted-network 192.0.2.0/24}; empty before an addition and after a removal).
 */
public final class PolicyChange {
    private final String actor;
    private final String action;
    private final String before;
    private final String after;

    public PolicyChange(String actor, String action, String before, String after) {
        this.actor = Objects.requireNonNull(actor);
        this.action = Objects.requireNonNull(action);
        this.before = Objects.requireNonNull(before);
        this.after = Objects.requireNonNull(after);
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof PolicyChange) {
            PolicyChange that = (PolicyChange) o;
            return actor.equals(that.actor) && action.equals(that.action) && before.equals(that.before) && after.equals(that.after);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(actor, action, before, after);
    }

    @Override
    public String toString() {
        return actor + " " + action + ": [" + before + "] -> [" + after + "]";
    }
}
