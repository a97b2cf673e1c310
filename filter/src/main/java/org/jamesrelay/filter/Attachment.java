package org.jamesrelay.filter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One attachment-like thing found in a mail: a MIME part that is not the text of the mail, a member of a zip archive,
 * or anything inside an attached message.
 */
public final class Attachment {
    private final List<String> location;
    private final Optional<String> fileName;
    private final String declaredType;
    private final Optional<String> sniffedKind;
    private final long size;
    private final boolean encryptedArchive;
    private final boolean unreadableArchive;
    private final List<Integer> unit;

    Attachment(List<String> location, Optional<String> fileName, String declaredType, Optional<String> sniffedKind,
               long size, boolean encryptedArchive, boolean unreadableArchive, List<Integer> unit) {
        this.location = List.copyOf(location);
        this.fileName = Objects.requireNonNull(fileName);
        this.declaredType = Objects.requireNonNull(declaredType);
        this.sniffedKind = Objects.requireNonNull(sniffedKind);
        this.size = size;
        this.encryptedArchive = encryptedArchive;
        this.unreadableArchive = unreadableArchive;
        this.unit = List.copyOf(unit);
        if (this.location.isEmpty()) {
            throw new IllegalArgumentException("an attachment has a location");
        }
    }

    /** What to call a part: its file name, else its declared type in parentheses. */
    static String label(Optional<String> fileName, String declaredType) {
        return fileName.orElseGet(() -> "(" + (declaredType.isEmpty() ? "unknown type" : declaredType) + ")");
    }

    /**
     * The labels of the containers of this attachment, outermost first, then its own: {@code [invoice.zip,
     * payload.exe]}. Multiparts are not containers here: the first label is that of the part {@link #unit()} points to.
     */
    public List<String> location() {
        return location;
    }

    /** The location as one line, {@code invoice.zip > payload.exe}. Not sanitized: see {@link SafeText}. */
    public String description() {
        return location.stream().collect(Collectors.joining(" > "));
    }

    /** The name given by the sender: Content-Disposition filename or Content-Type name, decoded; for zip members, the last path segment. */
    public Optional<String> fileName() {
        return fileName;
    }

    /** The Content-Type base type in lower case; empty for zip members, which declare none. */
    public String declaredType() {
        return declaredType;
    }

    /** One of {@link org.jamesrelay.core.AttachmentRule#SNIFFED_KINDS}, from the first bytes, whatever the name or type says. */
    public Optional<String> sniffedKind() {
        return sniffedKind;
    }

    /** Decoded bytes; for a zip member, uncompressed bytes (at least what the zip declares). */
    public long size() {
        return size;
    }

    /** A zip archive with at least one encrypted member. */
    public boolean encryptedArchive() {
        return encryptedArchive;
    }

    /**
     * A zip archive whose members could not all be inspected: corrupt, an unsupported compression method or zip64,
     * nested deeper than the inspector goes, or beyond its member and byte limits. Rules treat it as they treat an
     * encrypted archive: what is inside is unknown.
     */
    public boolean unreadableArchive() {
        return unreadableArchive;
    }

    /**
     * The index path, in the top-level message's own MIME tree, of the part that holds this attachment: what a
     * stripper replaces. {@code [1]} is the second part of the top-level multipart, {@code [1, 0]} the first part of
     * that one if it is itself a multipart; {@code []} is the message itself (a single-part mail). A zip member or
     * anything inside an attached message has the unit of the zip or message part.
     */
    public List<Integer> unit() {
        return unit;
    }

    @Override
    public String toString() {
        return description();
    }
}
