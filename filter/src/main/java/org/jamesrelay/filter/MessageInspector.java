package org.jamesrelay.filter;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.ContentDisposition;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.internet.MimePart;
import javax.mail.internet.MimePartDataSource;
import javax.mail.internet.MimeUtility;
import javax.mail.internet.ParseException;

/**
 * Finds every attachment-like thing in a mail: each leaf of the MIME tree that has a file name or is not an inline
 * text/plain or text/html body, the members of archives ({@link ArchiveInspector}), and all of that inside attached
 * messages.
 * <p>
 * Never throws: mail whose structure cannot be trusted is {@link Inspection#unparseable()}, and the caller fails
 * closed. Besides what JavaMail refuses, that is mail JavaMail would read leniently where clients may read it
 * otherwise: a multipart without its final boundary or boundary parameter, duplicate Content-* fields, two different
 * file names for one part, broken base64 or quoted-printable ({@link EncodedContentCheck}), an encoded multipart,
 * an unknown charset or transfer encoding, NUL bytes in header fields or text content, a header line longer than
 * {@link #MAX_HEADER_LINE} characters, MIME nested deeper than {@link #MAX_DEPTH}.
 */
public final class MessageInspector {
    static final int MAX_DEPTH = 30;
    static final int MAX_HEADER_LINE = 8192;

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final List<String> MULTIPART_ENCODINGS = List.of("7bit", "8bit", "binary");
    private static final List<String> SINGLE_HEADERS = List.of("Content-Type", "Content-Transfer-Encoding", "Content-Disposition");
    private static final int MAX_REASON = 160;

    private final List<Attachment> found = new ArrayList<>();
    private final InspectionBudget budget;
    private final ArchiveInspector archives;

    private MessageInspector(InspectionBudget budget) {
        this.budget = budget;
        this.archives = new ArchiveInspector(budget);
    }

    public static Inspection inspect(MimeMessage message) {
        return inspect(message, new InspectionBudget());
    }

    static Inspection inspect(MimeMessage message, InspectionBudget budget) {
        MessageInspector inspector = new MessageInspector(budget);
        try {
            inspector.visit(message, Position.TOP);
            return Inspection.parsed(inspector.found);
        } catch (Unparseable e) {
            return Inspection.unparseable(inspector.found, e.getMessage());
        } catch (MessagingException | IOException | RuntimeException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Inspection.unparseable(inspector.found, SafeText.shortened(SafeText.ascii(detail), MAX_REASON));
        }
    }

    private void visit(MimePart part, Position position) throws Unparseable, MessagingException, IOException {
        if (position.depth > MAX_DEPTH) {
            throw new Unparseable("MIME nesting deeper than " + MAX_DEPTH);
        }
        checkHeaders(part);
        ContentType type = contentType(part, position.defaultType);
        Optional<String> encoding = encoding(part);
        if (type.match("multipart/*")) {
            visitMultipart(part, type, encoding, position);
            return;
        }
        checkCharset(type);
        Optional<ContentDisposition> disposition = disposition(part);
        Optional<String> fileName = fileName(type, disposition);
        String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
        PartContent content = new PartContent(part, encoding);
        content.checkRaw();
        Head head = content.head();
        boolean message = baseType.equals("message/rfc822") || baseType.equals("message/global");
        if (fileName.isEmpty() && !message && isBody(baseType, disposition)) {
            return;
        }
        String label = Attachment.label(fileName, baseType);
        List<String> location = Lists.with(position.containers, label);
        Names names = Names.of(fileName);
        Optional<ArchiveFormat> format = head.archiveFormat();
        if (message) {
            found.add(new Attachment(location, names, baseType, Optional.empty(), head.size(), false, false, position.unit));
            visit(new MimeMessage(SESSION, part.getInputStream()), position.inside(label));
        } else if (format.isPresent()) {
            ArchiveContents archive = budget.takeBytes(head.size())
                ? archives.read(content.bytes(), format.get(), names, location, position.unit)
                : ArchiveContents.unreadable();
            found.addAll(archive.attachments(location, names, baseType, head.size(), position.unit));
        } else {
            found.add(new Attachment(location, names, baseType, head.sniffedKind(), head.size(), false, false, position.unit));
        }
    }

    private void visitMultipart(MimePart part, ContentType type, Optional<String> encoding, Position position)
        throws Unparseable, MessagingException, IOException {
        String boundary = type.getParameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new Unparseable("multipart without boundary parameter");
        }
        if (encoding.isPresent() && !MULTIPART_ENCODINGS.contains(encoding.get())) {
            throw new Unparseable("multipart with Content-Transfer-Encoding " + encoding.get());
        }
        MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(part));
        int count = multipart.getCount();
        if (!multipart.isComplete()) {
            throw new Unparseable("missing final boundary");
        }
        String childType = type.match("multipart/digest") ? "message/rfc822" : "text/plain";
        for (int i = 0; i < count; i++) {
            visit((MimePart) multipart.getBodyPart(i), position.child(i, childType));
        }
    }

    private static void checkHeaders(MimePart part) throws Unparseable, MessagingException {
        for (Enumeration<String> lines = part.getAllHeaderLines(); lines.hasMoreElements(); ) {
            String line = lines.nextElement();
            if (line.indexOf('\0') >= 0) {
                throw new Unparseable("NUL byte in header");
            }
            for (String physical : line.split("\n", -1)) {
                if (physical.length() > MAX_HEADER_LINE) {
                    throw new Unparseable("header line longer than " + MAX_HEADER_LINE + " characters");
                }
            }
        }
        for (String name : SINGLE_HEADERS) {
            String[] values = part.getHeader(name);
            if (values != null && values.length > 1) {
                throw new Unparseable("duplicate " + name + " header");
            }
        }
    }

    private static ContentType contentType(MimePart part, String defaultType) throws Unparseable, MessagingException {
        String header = part.getHeader("Content-Type", null);
        try {
            return new ContentType(header == null ? defaultType : header);
        } catch (ParseException e) {
            throw new Unparseable("unparseable Content-Type");
        }
    }

    private static Optional<String> encoding(MimePart part) throws Unparseable, MessagingException {
        Optional<String> encoding = Optional.ofNullable(part.getEncoding()).map(name -> name.toLowerCase(Locale.ROOT));
        if (encoding.isPresent() && !PartContent.KNOWN_ENCODINGS.contains(encoding.get())) {
            throw new Unparseable("unknown Content-Transfer-Encoding " + SafeText.shortened(SafeText.ascii(encoding.get()), 40));
        }
        return encoding;
    }

    private static void checkCharset(ContentType type) throws Unparseable {
        String charset = type.getParameter("charset");
        if (charset == null || !type.getPrimaryType().equalsIgnoreCase("text")) {
            return;
        }
        boolean known;
        try {
            known = Charset.isSupported(MimeUtility.javaCharset(charset));
        } catch (IllegalCharsetNameException e) {
            known = false;
        }
        if (!known) {
            throw new Unparseable("unknown charset " + SafeText.shortened(SafeText.ascii(charset), 40));
        }
    }

    private static Optional<ContentDisposition> disposition(MimePart part) throws Unparseable, MessagingException {
        String header = part.getHeader("Content-Disposition", null);
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ContentDisposition(header));
        } catch (ParseException e) {
            throw new Unparseable("unparseable Content-Disposition");
        }
    }

    /**
     * Content-Disposition filename, else Content-Type name (RFC 2231 is decoded by JavaMail, encoded-words here). When
     * both are given they must agree: clients differ in which one they show and save as.
     */
    private static Optional<String> fileName(ContentType type, Optional<ContentDisposition> disposition) throws Unparseable {
        Optional<String> filename = decoded(disposition.map(header -> header.getParameter("filename")).orElse(null));
        Optional<String> name = decoded(type.getParameter("name"));
        if (filename.isPresent() && name.isPresent() && !filename.equals(name)) {
            throw new Unparseable("conflicting file names");
        }
        return filename.or(() -> name);
    }

    private static Optional<String> decoded(String name) throws Unparseable {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MimeUtility.decodeText(name).trim());
        } catch (UnsupportedEncodingException e) {
            throw new Unparseable("file name in an unknown charset");
        }
    }

    private static boolean isBody(String baseType, Optional<ContentDisposition> disposition) {
        boolean text = baseType.equals("text/plain") || baseType.equals("text/html");
        return text && disposition.map(header -> !"attachment".equalsIgnoreCase(header.getDisposition())).orElse(true);
    }

    /** Where the walk is: the unit it is in, the labels of the containers around it, how deep it is. */
    private static final class Position {
        static final Position TOP = new Position(List.of(), true, List.of(), 0, "text/plain");

        private final List<Integer> unit;
        private final boolean inTopTree;
        private final List<String> containers;
        private final int depth;
        private final String defaultType;

        private Position(List<Integer> unit, boolean inTopTree, List<String> containers, int depth, String defaultType) {
            this.unit = unit;
            this.inTopTree = inTopTree;
            this.containers = containers;
            this.depth = depth;
            this.defaultType = defaultType;
        }

        /** Part {@code index} of a multipart: in the top-level tree, its own unit; elsewhere, the unit of its container. */
        Position child(int index, String childDefaultType) {
            return new Position(inTopTree ? Lists.with(unit, index) : unit, inTopTree, containers, depth + 1, childDefaultType);
        }

        /** Inside an attached message called {@code label}. */
        Position inside(String label) {
            return new Position(unit, false, Lists.with(containers, label), depth + 1, "text/plain");
        }
    }
}
