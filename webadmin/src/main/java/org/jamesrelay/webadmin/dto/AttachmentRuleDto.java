package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.stream.Collectors;

import org.jamesrelay.core.AttachmentRule;

/** One {@code attachment-filter} entry, without its scope. */
public final class AttachmentRuleDto {
    private final String action;
    private final List<String> names;
    private final List<String> types;
    private final List<String> sniffed;
    private final boolean encryptedArchives;
    private final Long largerThan;
    private final boolean unparseable;
    private final String rule;

    public AttachmentRuleDto(AttachmentRule rule) {
        this.action = rule.action().keyword();
        this.names = rule.names();
        this.types = rule.types();
        this.sniffed = rule.sniffed().stream().sorted().collect(Collectors.toList());
        this.encryptedArchives = rule.encryptedArchives();
        this.largerThan = rule.largerThan().isPresent() ? rule.largerThan().getAsLong() : null;
        this.unparseable = rule.unparseable();
        this.rule = rule.ruleId();
    }

    public String getAction() {
        return action;
    }

    public List<String> getNames() {
        return names;
    }

    public List<String> getTypes() {
        return types;
    }

    public List<String> getSniffed() {
        return sniffed;
    }

    public boolean isEncryptedArchives() {
        return encryptedArchives;
    }

    /** Bytes; null: no size condition. */
    public Long getLargerThan() {
        return largerThan;
    }

    public boolean isUnparseable() {
        return unparseable;
    }

    /**
     * {@code attachment-filter:relay.test:strip}, as the policy names its rules; not a key: a scope may have
     * several rules with one action.
     */
    public String getRule() {
        return rule;
    }
}
