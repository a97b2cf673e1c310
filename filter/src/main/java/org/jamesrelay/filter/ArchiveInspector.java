package org.jamesrelay.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the members of an archive of any {@link ArchiveFormat} the inspector opens, sniffs each, and opens the
 * archives among them, by their content whatever their names, up to {@link #MAX_DEPTH} archives deep (a compressed
 * tar counts two) and within the {@link InspectionBudget}.
 * <p>
 * An archive that cannot be read completely is not unparseable mail: it is an attachment marked
 * {@link Attachment#unreadableArchive()}, with whatever members could be listed. An OOXML document (a zip with
 * {@code [Content_Types].xml}) is not an archive: its sniffed kind is {@code office-macro} when it holds a
 * {@code vbaProject.bin}, else none; its members are still listed and sniffed.
 */
final class ArchiveInspector {
    static final int MAX_DEPTH = 3;

    private static final Map<ArchiveFormat, ArchiveReader> READERS = Map.of(
        ArchiveFormat.ZIP, new ZipReader(),
        ArchiveFormat.EMPTY_ZIP, new ZipReader(),
        ArchiveFormat.TAR, new TarReader(),
        ArchiveFormat.SEVEN_Z, new SevenZReader(),
        ArchiveFormat.GZIP, CompressedReader.GZIP,
        ArchiveFormat.BZIP2, CompressedReader.BZIP2,
        ArchiveFormat.XZ, CompressedReader.XZ);

    private final InspectionBudget budget;

    ArchiveInspector(InspectionBudget budget) {
        this.budget = budget;
    }

    /** The outermost archive: a MIME part whose content is in {@code archive}. */
    ArchiveContents read(byte[] archive, ArchiveFormat format, Names names, List<String> location, List<Integer> unit) {
        return read(archive, format, names, location, unit, 1);
    }

    private ArchiveContents read(byte[] archive, ArchiveFormat format, Names names, List<String> location, List<Integer> unit, int depth) {
        if (!format.opened()) {
            return ArchiveContents.unreadable();
        }
        Listing listing = new Listing(location, unit, depth);
        try {
            READERS.get(format).read(archive, names, listing);
        } catch (ArchiveReader.EncryptedDirectory e) {
            listing.encrypted = true;
        } catch (IOException | RuntimeException e) {
            // Corrupt, cut short, or a method commons-compress cannot decode here: what was listed is all there is.
            listing.unreadable = true;
        }
        return listing.contents();
    }

    /** The members of one archive, as its reader gives them. */
    private final class Listing implements ArchiveReader.Visitor {
        private final List<String> location;
        private final List<Integer> unit;
        private final int depth;
        private final List<Attachment> members = new ArrayList<>();
        private boolean encrypted;
        private boolean unreadable;
        private boolean document;
        private boolean macros;

        Listing(List<String> location, List<Integer> unit, int depth) {
            this.location = location;
            this.unit = unit;
            this.depth = depth;
        }

        @Override
        public boolean visit(Member member, Optional<InputStream> content) {
            if (!budget.takeMember()) {
                unreadable = true;
                return false;
            }
            Names names = member.names();
            String path = names.primary().orElse("");
            document |= path.equals("[Content_Types].xml");
            macros |= path.substring(path.lastIndexOf('/') + 1).equalsIgnoreCase("vbaProject.bin");
            List<String> memberLocation = Lists.with(location, path.isEmpty() ? Attachment.label(Optional.empty(), "") : path);
            if (content.isEmpty()) {
                encrypted |= member.encrypted();
                unreadable |= !member.encrypted();
                members.add(new Attachment(memberLocation, names, "", Optional.empty(), member.declaredSize(), false, false, unit));
                return true;
            }
            Head head = new Head();
            MemberData data = read(content.get(), head);
            unreadable |= !data.complete;
            long size = Math.max(head.size(), member.declaredSize());
            Optional<ArchiveFormat> format = head.archiveFormat();
            if (data.whole.isPresent() && format.isPresent()) {
                ArchiveContents inner = ArchiveInspector.this.read(data.whole.get(), format.get(), names, memberLocation, unit, depth + 1);
                members.addAll(inner.attachments(memberLocation, names, "", size, unit));
            } else {
                // Not an archive, or one that stays closed (cut short, too deep, beyond the budget): unreadable then.
                members.add(new Attachment(memberLocation, names, "", head.sniffedKind(), size, false, format.isPresent(), unit));
            }
            return !data.budgetSpent;
        }

        /** Reads a member within the budget, keeping it whole when it is an archive to open. */
        private MemberData read(InputStream in, Head head) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            boolean keeping = depth < MAX_DEPTH;
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!budget.takeBytes(n)) {
                        return new MemberData(false, true, Optional.empty());
                    }
                    head.add(buffer, n);
                    keeping &= !head.isFull() || head.archiveFormat().isPresent();
                    if (keeping) {
                        kept.write(buffer, 0, n);
                    } else {
                        kept.reset();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // A corrupt member (bad compressed data, a truncated entry): what was read is all there is.
                return new MemberData(false, false, Optional.empty());
            }
            return new MemberData(true, false, keeping ? Optional.of(kept.toByteArray()) : Optional.empty());
        }

        ArchiveContents contents() {
            Optional<String> kind = document ? (macros ? Optional.of("office-macro") : Optional.empty()) : Optional.of("archive");
            return new ArchiveContents(members, encrypted, unreadable, kind);
        }
    }

    private static final class MemberData {
        private final boolean complete;
        private final boolean budgetSpent;
        private final Optional<byte[]> whole;

        MemberData(boolean complete, boolean budgetSpent, Optional<byte[]> whole) {
            this.complete = complete;
            this.budgetSpent = budgetSpent;
            this.whole = whole;
        }
    }
}
