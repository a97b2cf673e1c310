package org.jamesrelay.webadmin.dto;

import java.util.List;

/**
 * What a hold, release, flush or delete did: the mails it acted on, and those it left because a delivery attempt had
 * taken them from the queue at that moment (select them again once the attempt is over).
 */
public final class QueueActionDto {
    private final String action;
    private final long count;
    private final List<String> mails;
    private final List<String> busy;

    public QueueActionDto(String action, long count, List<String> mails, List<String> busy) {
        this.action = action;
        this.count = count;
        this.mails = List.copyOf(mails);
        this.busy = List.copyOf(busy);
    }

    public String getAction() {
        return action;
    }

    /** The number of mails acted on. */
    public long getCount() {
        return count;
    }

    /** Their names; empty for a flush of the whole queue, which James does without naming them. */
    public List<String> getMails() {
        return mails;
    }

    public List<String> getBusy() {
        return busy;
    }
}
