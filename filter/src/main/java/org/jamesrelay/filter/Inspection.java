package org.jamesrelay.filter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@link MessageInspector} found in one mail. */
public final class Inspection {
    private final List<Attachment> attachments;
    private final Optional<String> unparseable;

    private Inspection(List<Attachment> attachments, Optional<String> unparseable) {
        this.attachments = List.copyOf(attachments);
        this.unparseable = Objects.requireNonNull(unparseable);
    }

    static Inspection parsed(List<Attachment> attachments) {
        return new Inspection(attachments, Optional.empty());
    }

    static Inspection unparseable(List<Attachment> foundBefore, String reason) {
        return new Inspection(foundBefore, Optional.of(reason));
    }

    /**
     * Every attachment, containers before what they contain. For an unparseable mail, those found before the
     * inspector gave up: rules on them still apply, so the strictest of both wins.
     */
    public List<Attachment> attachments() {
        return attachments;
    }

    /** Why the MIME structure could not be read completely (ASCII, one line), or empty when it could. */
    public Optional<String> unparseable() {
        return unparseable;
    }
}
