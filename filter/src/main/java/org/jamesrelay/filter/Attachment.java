package org.jamesrelay.filter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One attachment-like thing found in a mail: a MIME part that is not the text of the mail, a member of an archive,
 * or anything inside an attached message.
 */
public final class Attachment {
    private final List<String> location;
    private final Names names;
    private final String declaredType;
    private final Optional<String> sniffedKind;
    private final long size;
    private final boolean encryptedArchive;
    private final boolean unreadableArchive;
    private final List<Integer> unit;

    Attachment(List<String> location, Names names, String declaredType, Optional<String> sniffedKind,
               long size, boolean encryptedArchive, boolean unreadableArchive, List<Integer> unit) {
        this.location = List.copyOf(location);
        this.names = Objects.requireNonNull(names);
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

    /** The name given by the sender: Content-Disposition filename or Content-Type name, decoded; for archive members, the path. */
    public Optional<String> fileName() {
        return names.primary();
    }

    /** Every name given, those an archive records beside the first one included. */
    Names names() {
        return names;
    }

    /** The Content-Type base type in lower case; empty for archive members, which declare none. */
    public String declaredType() {
        return declaredType;
    }

    /** One of {@link org.jamesrelay.core.AttachmentRule#SNIFFED_KINDS}, from the first bytes, whatever the name or type says. */
    public Optional<String> sniffedKind() {
        return sniffedKind;
    }

    /** Decoded bytes; for an archive member, uncompressed bytes (at least what the archive declares). */
    public long size() {
        return size;
    }

    /** An archive with at least one encrypted member, or whose directory is encrypted. */
    public boolean encryptedArchive() {
        return encryptedArchive;
    }

    /**
     * An archive whose members could not all be inspected: a format that is not opened (rar, cab, ISO images), one
     * that needs a decoder James does not ship (xz, LZMA), corrupt, nested deeper than the inspector goes, beyond its
     * member and byte limits, or a zip whose local headers and central directory list different members. What is
     * inside is unknown.
     */
    public boolean unreadableArchive() {
        return unreadableArchive;
    }

    /**
     * The index path, in the top-level message's own MIME tree, of the part that holds this attachment: what a
     * stripper replaces. {@code [1]} is the second part of the top-level multipart, {@code [1, 0]} the first part of
     * that one if it is itself a multipart; {@code []} is the message itself (a single-part mail). An archive member or
     * anything inside an attached message has the unit of the archive or message part.
     */
    public List<Integer> unit() {
        return unit;
    }

    @Override
    public String toString() {
        return description();
    }
}
