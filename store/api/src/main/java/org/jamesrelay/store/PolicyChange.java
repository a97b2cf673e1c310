package org.jamesrelay.store;

import java.util.Objects;

import org.jamesrelay.core.PolicyDifference;
import org.jamesrelay.core.PolicySnapshot;

/**
 * What a write changes, in words for the audit trail: who, what, and the entries before and after
 * ({@code trusted-network 192.0.2.0/24}; empty before an addition and after a removal). A change of the whole text
 * (an import) records the lines removed and the lines added ({@link #ofTexts}, or {@link #ofPolicies} when the texts
 * are too large to hold), and a store records every change {@link #bounded()}: an audit entry never holds whole
 * policies.
 */
public final class PolicyChange {
    /** How many lines of each side an audit entry keeps; the lines left out are counted. */
    public static final int KEPT_LINES = 100;
    /** How many characters of each side an audit entry keeps, at most. */
    public static final int KEPT_CHARACTERS = 16 * 1024;

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

    /**
     * The change from one whole text to another: {@code before} holds the lines removed and {@code after} the lines
     * added (as multisets: a line that only moved is in neither), each {@linkplain #bounded() bounded}.
     */
    public static PolicyChange ofTexts(String actor, String action, String beforeText, String afterText) {
        LineDiff diff = LineDiff.between(beforeText, afterText);
        return new PolicyChange(actor, action, Excerpt.of(diff.removed()), Excerpt.of(diff.added()));
    }

    /**
     * The change from one whole policy to another, told by their entries ({@link PolicyDifference}): {@code before} holds
     * the entries removed and {@code after} those added, each {@linkplain #bounded() bounded} as it is told, so that an
     * import of millions of lines is recorded without holding its lines.
     */
    public static PolicyChange ofPolicies(String actor, String action, PolicySnapshot before, PolicySnapshot after) {
        Excerpt.Builder removed = new Excerpt.Builder();
        Excerpt.Builder added = new Excerpt.Builder();
        PolicyDifference.between(before, after, removed::add, added::add);
        return new PolicyChange(actor, action, removed.build(), added.build());
    }

    /**
     * This change as an audit entry keeps it: each side as is when within {@link #KEPT_LINES} lines and
     * {@link #KEPT_CHARACTERS} characters, else its first lines within both bounds and a count of the others.
     */
    public PolicyChange bounded() {
        String keptBefore = Excerpt.of(before);
        String keptAfter = Excerpt.of(after);
        return keptBefore.equals(before) && keptAfter.equals(after) ? this : new PolicyChange(actor, action, keptBefore, keptAfter);
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
