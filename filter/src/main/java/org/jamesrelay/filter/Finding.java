package org.jamesrelay.filter;

import java.util.Objects;
import java.util.Optional;

import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.FilterAction;

/** One rule matching one attachment, or matching the mail for being unparseable. */
public final class Finding {
    private static final int MAX_DESCRIPTION = 100;

    private final AttachmentRule rule;
    private final Optional<Attachment> attachment;
    private final String reason;
    private final FilterAction action;

    Finding(AttachmentRule rule, Optional<Attachment> attachment, String reason, FilterAction action) {
        this.rule = Objects.requireNonNull(rule);
        this.attachment = Objects.requireNonNull(attachment);
        this.reason = Objects.requireNonNull(reason);
        this.action = Objects.requireNonNull(action);
    }

    public AttachmentRule rule() {
        return rule;
    }

    /** The attachment the rule matched; empty when it matched the whole mail as unparseable. */
    public Optional<Attachment> attachment() {
        return attachment;
    }

    /** Which condition matched: {@code name *.exe}, {@code sniffed executable}, {@code unparseable: ...}. ASCII. */
    public String reason() {
        return reason;
    }

    /**
     * What this finding asks for: the rule's action, except that nothing can be stripped from mail that cannot be
     * parsed, so a {@code strip} rule matching an unparseable mail quarantines it.
     */
    public FilterAction action() {
        return action;
    }

    /** {@code "invoice.zip > payload.exe" sniffed executable}: printable ASCII, the description shortened. */
    @Override
    public String toString() {
        return attachment
            .map(found -> "\"" + SafeText.shortened(SafeText.ascii(found.description()).replace('"', '\''), MAX_DESCRIPTION) + "\" ")
            .orElse("") + reason;
    }
}
