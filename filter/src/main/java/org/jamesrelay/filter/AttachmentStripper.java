package org.jamesrelay.filter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.mail.MessagingException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePart;

import org.jamesrelay.core.FilterAction;

/**
 * Cuts the attachments of {@code strip} findings out of a mail: each distinct {@link Attachment#unit()} is replaced by
 * a {@code text/plain; charset=UTF-8} note saying what was removed and why. A zip member takes the whole zip with it,
 * anything inside an attached message the whole attached message.
 * <p>
 * The other parts are written back byte for byte, and the header fields of the message and of the multiparts on the
 * way are put back exactly as they were (JavaMail's {@code saveChanges()} would rewrite Message-ID, Date, MIME-Version
 * and Content-Type). A single-part mail that is itself the attachment keeps its header fields but its Content-*
 * ones, which become those of the note.
 */
public final class AttachmentStripper {
    private AttachmentStripper() {
    }

    /**
     * @param verdict the verdict on an inspection of this very message, so that its units point at its parts
     * @return what was removed and why, one entry per replaced part: {@code "invoice.zip" (contains payload.exe: sniffed executable)}
     * @throws MessagingException when the message cannot be rewritten; it may then be half stripped: do not deliver it
     */
    public static List<String> strip(MimeMessage message, FilterVerdict verdict) throws MessagingException {
        Map<List<Integer>, List<Finding>> units = new LinkedHashMap<>();
        for (Finding finding : verdict.findings()) {
            if (finding.action() == FilterAction.STRIP) {
                finding.attachment().ifPresent(found -> units.computeIfAbsent(found.unit(), unit -> new ArrayList<>()).add(finding));
            }
        }
        if (units.isEmpty()) {
            return List.of();
        }
        List<String> messageHeaders = HeaderLines.of(message);
        if (units.containsKey(List.of())) {
            return List.of(replaceBody(message, messageHeaders, StripNote.of(units.get(List.of()))));
        }
        Map<List<Integer>, Container> containers = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<List<Integer>, List<Finding>> unit : units.entrySet()) {
            List<Integer> path = unit.getKey();
            int index = path.get(path.size() - 1);
            MimeMultipart multipart = container(message, path.subList(0, path.size() - 1), containers).multipart;
            if (index >= multipart.getCount() || ((MimePart) multipart.getBodyPart(index)).isMimeType("multipart/*")) {
                throw new MessagingException("no attachment at MIME part " + path + ": not the message that was inspected");
            }
            StripNote note = StripNote.of(unit.getValue());
            multipart.removeBodyPart(index);
            multipart.addBodyPart(notePart(note), index);
            removed.add(note.removed());
        }
        for (Container container : containers.values()) {
            String preamble = container.multipart.getPreamble();
            if (preamble != null) {
                // JavaMail keeps the preamble with the platform's line separator.
                container.multipart.setPreamble(preamble.replace("\r\n", "\n").replace("\n", "\r\n"));
            }
            // Also tells a message that keeps its body elsewhere (James' MimeMessageWrapper) that the body changed.
            container.part.setContent(container.multipart);
        }
        message.saveChanges();
        for (Container container : containers.values()) {
            HeaderLines.replace(container.part, container.headerLines);
        }
        return removed;
    }

    private static String replaceBody(MimeMessage message, List<String> headers, StripNote note) throws MessagingException {
        // Without the old Content-* fields, or JavaMail would carry the file name over to the note.
        HeaderLines.replace(message, HeaderLines.withContentFields(headers, List.of()));
        message.setText(note.text(), "UTF-8");
        message.saveChanges();
        List<String> replaced = HeaderLines.withContentFields(headers, HeaderLines.of(message));
        if (!HeaderLines.hasField(replaced, "MIME-Version")) {
            replaced.add("MIME-Version: 1.0");
        }
        HeaderLines.replace(message, replaced);
        return note.removed();
    }

    private static MimeBodyPart notePart(StripNote note) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(note.text(), "UTF-8");
        return part;
    }

    /** The multipart at {@code path} in the top-level tree, read once and kept for writing back. */
    private static Container container(MimeMessage message, List<Integer> path, Map<List<Integer>, Container> containers)
        throws MessagingException {
        Container known = containers.get(path);
        if (known != null) {
            return known;
        }
        MimePart part = path.isEmpty()
            ? message
            : (MimePart) container(message, path.subList(0, path.size() - 1), containers).multipart.getBodyPart(path.get(path.size() - 1));
        Object content;
        try {
            content = part.getContent();
        } catch (IOException e) {
            throw new MessagingException("cannot read MIME part " + path, e);
        }
        if (!(content instanceof MimeMultipart)) {
            throw new MessagingException("MIME part " + path + " is not a multipart: not the message that was inspected");
        }
        Container container = new Container(part, (MimeMultipart) content, HeaderLines.of(part));
        containers.put(List.copyOf(path), container);
        return container;
    }

    private static final class Container {
        private final MimePart part;
        private final MimeMultipart multipart;
        private final List<String> headerLines;

        Container(MimePart part, MimeMultipart multipart, List<String> headerLines) {
            this.part = part;
            this.multipart = multipart;
            this.headerLines = headerLines;
        }
    }
}
