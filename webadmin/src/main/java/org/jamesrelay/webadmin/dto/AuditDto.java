package org.jamesrelay.webadmin.dto;

import org.jamesrelay.store.AuditEntry;

/** One audited change of the policy. */
public final class AuditDto {
    private final String at;
    private final long version;
    private final String actor;
    private final String action;
    private final String before;
    private final String after;

    public AuditDto(AuditEntry entry) {
        this.at = entry.at().toString();
        this.version = entry.version();
        this.actor = entry.change().actor();
        this.action = entry.change().action();
        this.before = entry.change().before();
        this.after = entry.change().after();
    }

    public String getAt() {
        return at;
    }

    public long getVersion() {
        return version;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getBefore() {
        return before;
    }

    public String getAfter() {
        return after;
    }
}
