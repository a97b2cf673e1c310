package org.jamesrelay.mailets;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A next hop on loopback whose replies a test scripts: by default it accepts everything; the script may answer a
 * command otherwise, or drop the connection instead of answering (an empty reply). Records the messages it accepted,
 * or whose end of data it did not answer, and the commands it was sent.
 * <p>
 * A hop {@link #pipelining pipelining} offers PIPELINING, and may hold its replies to a transaction's commands until it
 * reads DATA: a client that waits for each reply before its next command then waits until its read timeout.
 */
final class ScriptedHop implements AutoCloseable {
    /** The reply to a command ("." for the end of data) in a session that already accepted so many messages. */
    interface Script {
        Optional<String> reply(String verb, int acceptedInSession, String usualReply);
    }

    private final ServerSocket serverSocket;
    private final Script script;
    private final boolean offersPipelining;
    private final boolean holdsRepliesUntilData;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    ScriptedHop(Script script) throws IOException {
        this(script, false, false);
    }

    static ScriptedHop pipelining(Script script, boolean holdsRepliesUntilData) throws IOException {
        return new ScriptedHop(script, true, holdsRepliesUntilData);
    }

    private ScriptedHop(Script script, boolean offersPipelining, boolean holdsRepliesUntilData) throws IOException {
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.offersPipelining = offersPipelining;
        this.holdsRepliesUntilData = holdsRepliesUntilData;
        Thread acceptor = new Thread(this::accept, "scripted-hop");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> serve(socket), "scripted-hop-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
            OutputStream out = socket.getOutputStream();
            write(out, "220 hop.test ESMTP");
            int accepted = 0;
            StringBuilder held = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                commands.add(verb);
                Optional<String> reply = script.reply(verb, accepted, usualReply(verb));
                if (reply.isEmpty()) {
                    return;
                }
                if (reply.get().isEmpty()) {
                    continue;
                }
                if (holdsRepliesUntilData && List.of("RSET", "MAIL", "RCPT").contains(verb)) {
                    held.append(reply.get()).append("\r\n");
                    continue;
                }
                write(out, held + reply.get());
                held.setLength(0);
                if (verb.equals("QUIT") || reply.get().startsWith("421")) {
                    return;
                }
                if (verb.equals("DATA") && reply.get().startsWith("354")) {
                    StringBuilder message = new StringBuilder();
                    while (!".".equals(line = in.readLine())) {
                        if (line == null) {
                            return;
                        }
                        message.append(line).append('\n');
                    }
                    commands.add(".");
                    // Without an answer, the hop may still have taken the message: it is recorded.
                    Optional<String> end = script.reply(".", accepted, "250 2.0.0 queued");
                    if (end.isEmpty() || end.get().startsWith("250")) {
                        messages.add(message.toString());
                        accepted++;
                    }
                    if (end.isEmpty()) {
                        return;
                    }
                    write(out, end.get());
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private String usualReply(String verb) {
        switch (verb) {
            case "EHLO":
                return offersPipelining ? "250-hop.test\r\n250-PIPELINING\r\n250 8BITMIME" : "250-hop.test\r\n250 8BITMIME";
            case "DATA":
                return "354 go ahead";
            case "QUIT":
                return "221 bye";
            default:
                return "250 ok";
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
