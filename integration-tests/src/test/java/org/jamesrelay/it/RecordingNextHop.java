package org.jamesrelay.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small, real SMTP server on loopback standing in for the next hop the relay forwards to, with STARTTLS and AUTH
 * PLAIN/LOGIN. It records every message it accepts and every AUTH attempt it is sent.
 */
final class RecordingNextHop implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(30);
    private static final String NOT_RECOGNIZED = "502 5.5.2 Command not recognized";

    private final Options options;
    private final Optional<SSLContext> tlsContext;
    private final ServerSocket serverSocket;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger awaitingAnswer = new AtomicInteger();
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final List<AuthAttempt> authAttempts = new CopyOnWriteArrayList<>();

    static RecordingNextHop start(Options options) {
        return startOn(FreePorts.next(), options);
    }

    /**
     * Starts on a given port, for instance the one of a hop just closed, to bring that hop back. The kernel may still
     * hold the port for a moment after the hop closed it (the connections of a killed relay being torn down, seen on
     * a loaded machine): binding is tried again for up to {@link #REBIND_TIMEOUT}.
     */
    static RecordingNextHop startOn(int port, Options options) {
        Instant deadline = Instant.now().plus(REBIND_TIMEOUT);
        while (true) {
            try {
                return new RecordingNextHop(bound(port), options);
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new UncheckedIOException("Cannot listen on " + LOOPBACK + ":" + port, e);
                }
                pauseBeforeRebinding();
            }
        }
    }

    private static ServerSocket bound(int port) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return serverSocket;
        } catch (IOException e) {
            closeQuietly(serverSocket);
            throw e;
        }
    }

    private static void pauseBeforeRebinding() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a port", e);
        }
    }

    private RecordingNextHop(ServerSocket serverSocket, Options options) {
        this.serverSocket = serverSocket;
        this.options = options;
        this.tlsContext = options.certificates.map(TestCertificates::serverContext);
        Thread acceptor = new Thread(this::accept, "recording-next-hop-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** The hop in the "[address]:port" notation. */
    String hop() {
        return "[" + LOOPBACK + "]:" + port();
    }

    List<Received> messages() {
        return List.copyOf(messages);
    }

    List<AuthAttempt> authAttempts() {
        return List.copyOf(authAttempts);
    }

    /** Messages received whose sender has not been answered yet (see {@link Options#answerDataAfter}). */
    int awaitingAnswer() {
        return awaitingAnswer.get();
    }

    /** The TCP connections accepted so far: the SMTP sessions the client opened. */
    int connections() {
        return connections.get();
    }

    /** Waits, at most the given time, for a message matching the predicate to be accepted. */
    Optional<Received> await(Predicate<Received> predicate, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Received> found = messages.stream().filter(predicate).findFirst();
            if (found.isPresent() || !Instant.now().isBefore(deadline)) {
                return found;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Stops listening and drops the connections in progress, as a hop going down would. */
    @Override
    public void close() {
        closeQuietly(serverSocket);
        openSockets.forEach(RecordingNextHop::closeQuietly);
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.incrementAndGet();
                openSockets.add(socket);
                if (serverSocket.isClosed()) {
                    closeQuietly(socket);
                    return;
                }
                Thread session = new Thread(() -> serve(socket), "recording-next-hop-" + port() + "-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                // accept() fails when close() closes the server socket; the loop then ends
            }
        }
    }

    private void serve(Socket socket) {
        try (Session session = new Session(socket)) {
            session.run();
        } catch (IOException e) {
            // The client went away, timed out or failed the TLS handshake: the session ends.
        } finally {
            openSockets.remove(socket);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** One SMTP conversation, on its own thread. */
    private final class Session implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean tls;
        private boolean greeted;
        private Optional<String> user = Optional.empty();
        private String sender;
        private final List<String> recipients = new ArrayList<>();
        private int messagesInSession;
        private boolean ended;

        Session(Socket socket) {
            this.socket = socket;
        }

        private void use(Socket socket) throws IOException {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        void run() throws IOException {
            use(socket);
            reply("220 " + options.greeting + " ESMTP");
            String line;
            while (!ended && (line = readCommand()) != null) {
                String[] words = line.split(" ", 2);
                String argument = words.length > 1 ? words[1].trim() : "";
                switch (words[0].toUpperCase(Locale.ROOT)) {
                    case "EHLO":
                        ehlo(argument);
                        break;
                    case "HELO":
                        helo(argument);
                        break;
                    case "STARTTLS":
                        startTls(argument);
                        break;
                    case "AUTH":
                        auth(argument);
                        break;
                    case "MAIL":
                        mail(argument);
                        break;
                    case "RCPT":
                        rcpt(argument);
                        break;
                    case "DATA":
                        data();
                        break;
                    case "RSET":
                        resetTransaction();
                        reply("250 2.0.0 Ok");
                        break;
                    case "NOOP":
                        reply("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        reply("221 2.0.0 Bye");
                        return;
                    default:
                        reply(NOT_RECOGNIZED);
                }
            }
        }

        private void ehlo(String domain) throws IOException {
            if (domain.isEmpty()) {
                reply("501 5.5.4 Syntax: EHLO hostname");
                return;
            }
            greeted = true;
            resetTransaction();
            List<String> lines = new ArrayList<>(List.of(options.greeting, "PIPELINING", "8BITMIME", "SIZE"));
            if (tlsContext.isPresent() && !tls) {
                lines.add("STARTTLS");
            }
            if (options.authUser.isPresent()) {
                lines.add("AUTH PLAIN LOGIN");
            }
            for (int i = 0; i < lines.size(); i++) {
                reply("250" + (i < lines.size() - 1 ? "-" : " ") + lines.get(i));
            }
        }

        private void helo(String domain) throws IOException {
            if (domain.isEmpty()) {
                reply("501 5.5.4 Syntax: HELO hostname");
                return;
            }
            greeted = true;
            resetTransaction();
            reply("250 " + options.greeting);
        }

        private void startTls(String argument) throws IOException {
            if (tlsContext.isEmpty()) {
                reply(NOT_RECOGNIZED);
            } else if (tls) {
                reply("503 5.5.1 TLS already active");
            } else if (!argument.isEmpty()) {
                reply("501 5.5.4 Syntax: STARTTLS");
            } else {
                reply("220 2.0.0 Ready to start TLS");
                SSLSocket secure = (SSLSocket) tlsContext.get().getSocketFactory()
                    .createSocket(socket, LOOPBACK, socket.getPort(), true);
                secure.setUseClientMode(false);
                secure.startHandshake();
                // Anything the client sent in clear after STARTTLS stays in the old buffer and is dropped,
                // and the session starts over (RFC 3207, section 4.2).
                use(secure);
                tls = true;
                greeted = false;
                user = Optional.empty();
                resetTransaction();
            }
        }

        private void auth(String argument) throws IOException {
            if (options.authUser.isEmpty()) {
                reply(NOT_RECOGNIZED);
            } else if (!greeted) {
                reply("503 5.5.1 Send EHLO first");
            } else if (user.isPresent()) {
                reply("503 5.5.1 Already authenticated");
            } else if (sender != null) {
                reply("503 5.5.1 AUTH not permitted during a mail transaction");
            } else {
                String[] words = argument.split(" ", 2);
                Optional<String> initialResponse = words.length > 1 ? Optional.of(words[1]) : Optional.empty();
                try {
                    switch (words[0].toUpperCase(Locale.ROOT)) {
                        case "PLAIN":
                            authPlain(initialResponse);
                            break;
                        case "LOGIN":
                            authLogin(initialResponse);
                            break;
                        default:
                            reply("504 5.5.4 Unrecognized authentication type");
                    }
                } catch (Refused e) {
                    reply(e.reply);
                }
            }
        }

        private void authPlain(Optional<String> initialResponse) throws IOException, Refused {
            String response = decode(initialResponse.isPresent() ? initialResponse.get() : challenge(""));
            // authorization identity NUL authentication identity NUL password (RFC 4616)
            String[] parts = response.split("\0", -1);
            if (parts.length != 3) {
                throw new Refused("501 5.5.2 Malformed PLAIN response");
            }
            verify(parts[1], parts[2]);
        }

        private void authLogin(Optional<String> initialResponse) throws IOException, Refused {
            String username = decode(initialResponse.isPresent() ? initialResponse.get() : challenge("VXNlcm5hbWU6"));
            String password = decode(challenge("UGFzc3dvcmQ6"));
            verify(username, password);
        }

        private String challenge(String base64) throws IOException, Refused {
            reply("334 " + base64);
            String response = readCommand();
            if (response == null) {
                throw new EOFException("Connection closed during AUTH");
            }
            if (response.equals("*")) {
                throw new Refused("501 5.7.0 Authentication cancelled");
            }
            return response;
        }

        private void verify(String username, String password) throws IOException {
            boolean succeeded = options.authUser.get().equals(username) && options.authPassword.equals(password);
            authAttempts.add(new AuthAttempt(username, password, succeeded));
            if (succeeded) {
                user = Optional.of(username);
                reply("235 2.7.0 Authentication successful");
            } else {
                reply("535 5.7.8 Authentication credentials invalid");
            }
        }

        private void mail(String argument) throws IOException {
            Optional<String> path = path(argument, "FROM:");
            if (sessionIsOver(SessionEnd.REFUSE_MAIL)) {
                reply("421 4.7.0 nexthop.test Error: too many messages in this session");
                ended = true;
            } else if (!greeted) {
                reply("503 5.5.1 Send EHLO/HELO first");
            } else if (options.requireTls && !tls) {
                reply("530 5.7.0 Must issue a STARTTLS command first");
            } else if (sender != null) {
                reply("503 5.5.1 Nested MAIL command");
            } else if (path.isEmpty()) {
                reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            } else {
                sender = path.get();
                reply("250 2.1.0 Ok");
            }
        }

        private void rcpt(String argument) throws IOException {
            Optional<String> path = path(argument, "TO:").filter(address -> !address.isEmpty());
            if (sender == null) {
                reply("503 5.5.1 Need MAIL command");
            } else if (path.isEmpty()) {
                reply("501 5.5.4 Syntax: RCPT TO:<address>");
            } else {
                String address = path.get();
                Optional<String> refusal = Optional.ofNullable(options.refusals.get(address.toLowerCase(Locale.ROOT)))
                    .or(() -> options.refusalForAll);
                if (refusal.isPresent()) {
                    reply(refusal.get());
                } else {
                    recipients.add(address);
                    reply("250 2.1.5 Ok");
                }
            }
        }

        private void data() throws IOException {
            if (sender == null) {
                reply("503 5.5.1 Need MAIL command");
                return;
            }
            if (recipients.isEmpty()) {
                reply("503 5.5.1 Need RCPT command");
                return;
            }
            if (sessionIsOver(SessionEnd.DROP_AT_DATA)) {
                ended = true;
                return;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] line;
            while (!isEndOfData(line = readLine())) {
                int stuffing = line[0] == '.' ? 1 : 0;
                content.write(line, stuffing, line.length - stuffing);
            }
            messages.add(new Received(sender, recipients, content.toString(UTF_8), tls, user));
            resetTransaction();
            awaitingAnswer.incrementAndGet();
            try {
                Thread.sleep(options.dataReplyDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                awaitingAnswer.decrementAndGet();
            }
            reply("250 2.0.0 Ok: queued");
            messagesInSession++;
            ended = sessionIsOver(SessionEnd.CLOSE);
        }

        /** Whether the session carried as many messages as the hop allows, and the hop ends it this way. */
        private boolean sessionIsOver(SessionEnd how) {
            return options.sessionEnd == how && messagesInSession >= options.messagesPerSession;
        }

        private boolean isEndOfData(byte[] line) throws EOFException {
            if (line == null) {
                throw new EOFException("Connection closed during DATA");
            }
            return line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n';
        }

        private void resetTransaction() {
            sender = null;
            recipients.clear();
        }

        /** A command line without its line ending, or null at the end of the stream. */
        private String readCommand() throws IOException {
            byte[] line = readLine();
            return line == null ? null : new String(line, UTF_8).replaceFirst("\r?\n$", "");
        }

        /** A line with its line ending, or null when the stream ends before one. */
        private byte[] readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
            }
            return null;
        }

        private void reply(String line) throws IOException {
            out.write((line + "\r\n").getBytes(US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The address of "FROM:<address> parameters" or "TO:<address> parameters"; the parameters are accepted. */
    private static Optional<String> path(String argument, String prefix) {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        int end = rest.indexOf('>');
        if (!rest.startsWith("<") || end < 0 || !(end == rest.length() - 1 || rest.charAt(end + 1) == ' ')) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(1, end));
    }

    private static String decode(String base64) throws Refused {
        if (base64.equals("=")) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(base64), UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused("501 5.5.2 Cannot decode response");
        }
    }

    /** Ends an AUTH exchange early with the given reply. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final String reply;

        Refused(String reply) {
            super(reply, null, false, false);
            this.reply = reply;
        }
    }

    /** What the hop is configured to offer and to refuse. */
    static final class Options {
        private final String greeting;
        private final Optional<TestCertificates> certificates;
        private final boolean requireTls;
        private final Optional<String> authUser;
        private final String authPassword;
        private final Optional<String> refusalForAll;
        private final Map<String, String> refusals;
        private final Duration dataReplyDelay;
        private final int messagesPerSession;
        private final SessionEnd sessionEnd;

        private Options(String greeting, Optional<TestCertificates> certificates, boolean requireTls,
                        Optional<String> authUser, String authPassword, Optional<String> refusalForAll,
                        Map<String, String> refusals, Duration dataReplyDelay, int messagesPerSession, SessionEnd sessionEnd) {
            this.greeting = greeting;
            this.certificates = certificates;
            this.requireTls = requireTls;
            this.authUser = authUser;
            this.authPassword = authPassword;
            this.refusalForAll = refusalForAll;
            this.refusals = Map.copyOf(refusals);
            this.dataReplyDelay = dataReplyDelay;
            this.messagesPerSession = messagesPerSession;
            this.sessionEnd = sessionEnd;
        }

        /** No TLS, no AUTH, every recipient accepted, greeting as nexthop.test. */
        static Options defaults() {
            return new Options("nexthop.test", Optional.empty(), false, Optional.empty(), "", Optional.empty(), Map.of(), Duration.ZERO,
                Integer.MAX_VALUE, SessionEnd.CLOSE);
        }

        Options greeting(String name) {
            return new Options(name, certificates, requireTls, authUser, authPassword, refusalForAll, refusals, dataReplyDelay,
                messagesPerSession, sessionEnd);
        }

        /** Offers STARTTLS, presenting this identity. */
        Options startTls(TestCertificates identity) {
            return new Options(greeting, Optional.of(identity), requireTls, authUser, authPassword, refusalForAll,
                refusals, dataReplyDelay, messagesPerSession, sessionEnd);
        }

        /** Refuses MAIL until the session is under TLS. */
        Options requireTls() {
            return new Options(greeting, certificates, true, authUser, authPassword, refusalForAll, refusals, dataReplyDelay,
                messagesPerSession, sessionEnd);
        }

        /** Offers AUTH PLAIN LOGIN and accepts only these credentials. */
        Options auth(String user, String password) {
            return new Options(greeting, certificates, requireTls, Optional.of(user), password, refusalForAll,
                refusals, dataReplyDelay, messagesPerSession, sessionEnd);
        }

        /** Answers every RCPT with this reply, for instance 550 "5.1.1 No such user". */
        Options rejectRecipients(int code, String text) {
            return new Options(greeting, certificates, requireTls, authUser, authPassword,
                Optional.of(refusal(code, text)), refusals, dataReplyDelay, messagesPerSession, sessionEnd);
        }

        /** Answers RCPT for this address (in any letter case) with this reply. */
        Options rejectRecipient(String address, int code, String text) {
            Map<String, String> more = new HashMap<>(refusals);
            more.put(address.toLowerCase(Locale.ROOT), refusal(code, text));
            return new Options(greeting, certificates, requireTls, authUser, authPassword, refusalForAll, more, dataReplyDelay,
                messagesPerSession, sessionEnd);
        }

        /**
         * Records each message at its final dot but answers it only after this delay: a slow hop, and a sender that
         * may die before it has the answer.
         */
        Options answerDataAfter(Duration delay) {
            return new Options(greeting, certificates, requireTls, authUser, authPassword, refusalForAll, refusals, delay,
                messagesPerSession, sessionEnd);
        }

        /** Ends each session once it carried this many messages, in the given way. */
        Options messagesPerSession(int messages, SessionEnd how) {
            return new Options(greeting, certificates, requireTls, authUser, authPassword, refusalForAll, refusals,
                dataReplyDelay, messages, how);
        }

        private static String refusal(int code, String text) {
            if (code < 400 || code > 599) {
                throw new IllegalArgumentException("A refusal is a 4xx or 5xx reply, not " + code);
            }
            return code + " " + text;
        }
    }

    /** How a hop ends a session that carried as many messages as it allows. */
    enum SessionEnd {
        /** Closes the connection right after accepting the last message, as an idle timeout would. */
        CLOSE,
        /** Answers the next MAIL with 421 and closes the connection. */
        REFUSE_MAIL,
        /** Accepts the next MAIL and RCPT, then drops the connection at DATA without an answer. */
        DROP_AT_DATA
    }

    /** A message the hop accepted, as it was sent. */
    static final class Received {
        private final String sender;
        private final List<String> recipients;
        private final String data;
        private final boolean tls;
        private final Optional<String> authenticatedUser;

        private Received(String sender, List<String> recipients, String data, boolean tls,
                         Optional<String> authenticatedUser) {
            this.sender = sender;
            this.recipients = List.copyOf(recipients);
            this.data = data;
            this.tls = tls;
            this.authenticatedUser = authenticatedUser;
        }

        /** The envelope sender, "" for the null sender. */
        String sender() {
            return sender;
        }

        List<String> recipients() {
            return recipients;
        }

        /** Headers and body as sent after DATA, dot-unstuffed, without the final ".". */
        String data() {
            return data;
        }

        /** Whether the session was under TLS when the message was sent. */
        boolean tls() {
            return tls;
        }

        Optional<String> authenticatedUser() {
            return authenticatedUser;
        }

        @Override
        public String toString() {
            return "Received{from=<" + sender + ">, to=" + recipients + ", tls=" + tls
                + ", user=" + authenticatedUser.orElse("-") + ", " + data.length() + " chars}";
        }
    }

    /** Credentials a client sent with AUTH, and whether the hop accepted them. */
    static final class AuthAttempt {
        private final String user;
        private final String password;
        private final boolean succeeded;

        AuthAttempt(String user, String password, boolean succeeded) {
            this.user = user;
            this.password = password;
            this.succeeded = succeeded;
        }

        String user() {
            return user;
        }

        String password() {
            return password;
        }

        boolean succeeded() {
            return succeeded;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof AuthAttempt)) {
                return false;
            }
            AuthAttempt that = (AuthAttempt) other;
            return user.equals(that.user) && password.equals(that.password) && succeeded == that.succeeded;
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, password, succeeded);
        }

        @Override
        public String toString() {
            return "AuthAttempt{user=" + user + ", password=" + password + ", succeeded=" + succeeded + "}";
        }
    }
}
