package org.jamesrelay.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.zip.ZipException;

/**
 * Lists the members of a zip archive, sniffs each, and opens the zips among them, up to {@link #MAX_DEPTH} archives
 * deep and within the {@link InspectionBudget}.
 * <p>
 * An archive that cannot be read completely is not unparseable mail: it is an attachment marked
 * {@link Attachment#unreadableArchive()}, with whatever members could be listed. An OOXML document (a zip with
 * {@code [Content_Types].xml}) is not an archive: its sniffed kind is {@code office-macro} when it holds a
 * {@code vbaProject.bin}, else none; its members are still listed and sniffed.
 */
final class ZipInspector {
    static final int MAX_DEPTH = 3;

    private final InspectionBudget budget;

    ZipInspector(InspectionBudget budget) {
        this.budget = budget;
    }

    /** The outermost archive: a MIME part whose content is in {@code zip}. */
    ZipContents read(byte[] zip, List<String> location, List<Integer> unit) {
        return read(zip, location, unit, 1);
    }

    private ZipContents read(byte[] zip, List<String> location, List<Integer> unit, int depth) {
        List<ZipDirectory.Entry> entries;
        try {
            entries = ZipDirectory.entries(zip);
        } catch (ZipException e) {
            return ZipContents.unreadable();
        }
        boolean document = entries.stream().anyMatch(entry -> entry.path().equals("[Content_Types].xml"));
        boolean macros = entries.stream().anyMatch(entry -> entry.name().equalsIgnoreCase("vbaProject.bin"));
        List<Attachment> members = new ArrayList<>();
        boolean encrypted = false;
        boolean unreadable = false;
        for (ZipDirectory.Entry entry : entries) {
            if (entry.isDirectory()) {
                continue;
            }
            if (!budget.takeMember()) {
                unreadable = true;
                break;
            }
            Optional<String> name = entry.name().isEmpty() ? Optional.empty() : Optional.of(entry.name());
            List<String> memberLocation = Lists.with(location, entry.path().isEmpty() ? Attachment.label(name, "") : entry.path());
            if (ZipDirectory.isEncrypted(zip, entry)) {
                encrypted = true;
                members.add(new Attachment(memberLocation, name, "", Optional.empty(), entry.size(), false, false, unit));
                continue;
            }
            Head head = new Head();
            boolean complete = read(zip, entry, head::add);
            unreadable |= !complete;
            long size = Math.max(head.size(), entry.size());
            Optional<byte[]> inner = complete && head.isZip() && depth < MAX_DEPTH ? whole(zip, entry) : Optional.empty();
            if (inner.isPresent()) {
                members.addAll(read(inner.get(), memberLocation, unit, depth + 1).attachments(memberLocation, name, "", size, unit));
            } else {
                // Not a zip, or one that stays closed (cut short, too deep, beyond the budget): unreadable then.
                members.add(new Attachment(memberLocation, name, "", head.sniffedKind(), size, false, head.isZip(), unit));
            }
        }
        Optional<String> kind = document ? (macros ? Optional.of("office-macro") : Optional.empty()) : Optional.of("archive");
        return new ZipContents(members, encrypted, unreadable, kind);
    }

    /** Reads a member within the budget, giving each chunk to {@code sink}; false when it could not be read to its end. */
    private boolean read(byte[] zip, ZipDirectory.Entry entry, BiConsumer<byte[], Integer> sink) {
        try (InputStream in = ZipDirectory.open(zip, entry)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (!budget.takeBytes(n)) {
                    return false;
                }
                sink.accept(buffer, n);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // A corrupt member (bad deflate data, a name ZipInputStream cannot decode): what was read is all there is.
            return false;
        }
    }

    /** A member that is itself a zip, read a second time to be kept whole. */
    private Optional<byte[]> whole(byte[] zip, ZipDirectory.Entry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return read(zip, entry, (buffer, n) -> bytes.write(buffer, 0, n)) ? Optional.of(bytes.toByteArray()) : Optional.empty();
    }
}
