package org.jamesrelay.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A plain SMTP client over a socket: it shows every reply exactly as a real client sees it, connects from a chosen
 * local address, and sends what a mail library would refuse to (sender-routed addresses, bare line ends).
 */
public final class SmtpClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private Socket socket;
    private BufferedReader reader;
    private OutputStream writer;
    private final ServerReply greeting;

    /**
     * @param sourceAddress the local address to connect from, e.g. 127.0.0.2 to be an untrusted client on one machine
     */
    public static SmtpClient connect(String sourceAddress, String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), TIMEOUT_MILLIS);
        return new SmtpClient(host, socket);
    }

    /** Connects to 127.0.0.1 from the given loopback address. */
    public static SmtpClient connect(String sourceAddress, int port) throws IOException {
        return connect(sourceAddress, "127.0.0.1", port);
    }

    private SmtpClient(String host, Socket socket) throws IOException {
        this.host = host;
        use(socket);
        this.greeting = readReply();
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        this.writer = socket.getOutputStream();
    }

    public ServerReply greeting() {
        return greeting;
    }

    public ServerReply command(String line) throws IOException {
        send(line + "\r\n");
        return readReply();
    }

    public ServerReply ehlo(String name) throws IOException {
        return command("EHLO " + name);
    }

    public ServerReply mailFrom(String path) throws IOException {
        return command("MAIL FROM:" + path);
    }

    public ServerReply rcptTo(String path) throws IOException {
        return command("RCPT TO:" + path);
    }

    /** Sends the message after DATA, dot-stuffed, with CRLF line ends, and returns the reply to the final dot. */
    public ServerReply data(String message) throws IOException {
        ServerReply intermediate = command("DATA");
        if (intermediate.code() != 354) {
            return intermediate;
        }
        StringBuilder body = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            body.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        body.append(".\r\n");
        send(body.toString());
        return readReply();
    }

    /** Sends text exactly as given, without reading a reply. */
    public void send(String raw) throws IOException {
        writer.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        writer.flush();
    }

    /** Every reply that arrives until the server has been quiet for the given time. */
    public List<ServerReply> readRepliesUntilQuiet(Duration quiet) throws IOException {
        List<ServerReply> replies = new ArrayList<>();
        socket.setSoTimeout((int) quiet.toMillis());
        try {
            while (true) {
                Optional<ServerReply> reply = readReplyOrEnd();
                if (reply.isEmpty()) {
                    return replies;
                }
                replies.add(reply.get());
            }
        } catch (SocketTimeoutException quietEnough) {
            return replies;
        } finally {
            socket.setSoTimeout(TIMEOUT_MILLIS);
        }
    }

    /** STARTTLS, trusting any certificate (this is a probe, not a mail client), then EHLO again as RFC 3207 requires. */
    public ServerReply startTls(String ehloName) throws IOException {
        ServerReply reply = command("STARTTLS");
        if (reply.code() != 220) {
            return reply;
        }
        SSLSocket tls = (SSLSocket) trustingContext().getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        tls.setSoTimeout(TIMEOUT_MILLIS);
        tls.startHandshake();
        use(tls);
        return ehlo(ehloName);
    }

    public ServerReply authPlain(String login, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    private ServerReply readReply() throws IOException {
        return readReplyOrEnd().orElseThrow(() -> new IOException("connection closed by the server"));
    }

    private Optional<ServerReply> readReplyOrEnd() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = reader.readLine();
            if (line == null) {
                if (lines.isEmpty()) {
                    return Optional.empty();
                }
                throw new IOException("connection closed by the server after " + lines);
            }
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new IOException("malformed reply line '" + line + "'");
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return Optional.of(new ServerReply(Integer.parseInt(line.substring(0, 3)), lines));
            }
        }
    }

    private static SSLContext trustingContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager trustAll = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // the server may already have closed the connection
        } finally {
            socket.close();
        }
    }
}
