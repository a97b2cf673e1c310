package org.jamesrelay.core;

/**
 * What the front-end filter does with mail that matches a rule, from the mildest to the strictest: when several
 * rules match one mail, the strictest wins.
 */
public enum FilterAction {
    /** The matching attachment is replaced by a short text note; the rest of the mail is delivered. */
    STRIP("strip"),
    /** The whole mail is kept in the quarantine mail repository, delivered to nobody until reprocessed. */
    QUARANTINE("quarantine"),
    /** The mail is refused at the end of DATA with {@code 554 5.7.1}: nothing is accepted. */
    REJECT("reject");

    private final String keyword;

    FilterAction(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public FilterAction strictest(FilterAction other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
