package org.jamesrelay.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@link ArchiveInspector} learned about one archive: its own attributes, and its members. */
final class ArchiveContents {
    private final List<Attachment> members;
    private final boolean encrypted;
    private final boolean unreadable;
    private final Optional<String> sniffedKind;

    ArchiveContents(List<Attachment> members, boolean encrypted, boolean unreadable, Optional<String> sniffedKind) {
        this.members = List.copyOf(members);
        this.encrypted = encrypted;
        this.unreadable = unreadable;
        this.sniffedKind = sniffedKind;
    }

    static ArchiveContents unreadable() {
        return new ArchiveContents(List.of(), false, true, Optional.of("archive"));
    }

    /** The archive as an attachment, then its members (and theirs). */
    List<Attachment> attachments(List<String> location, Names names, String declaredType, long size, List<Integer> unit) {
        Attachment archive = new Attachment(location, names, declaredType, sniffedKind, size, encrypted, unreadable, unit);
        List<Attachment> all = new ArrayList<>(members.size() + 1);
        all.add(archive);
        all.addAll(members);
        return all;
    }
}
