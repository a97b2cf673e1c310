package org.jamesrelay.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A plain SMTP client over a socket, so that tests see every reply exactly as a real client does, can connect from
 * a chosen loopback address (127.0.0.2 is untrusted), and can send what a library would refuse to.
 */
final class SmtpClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private Socket socket;
    private BufferedReader reader;
    private OutputStream writer;
    private final SmtpReplyLine greeting;

    static SmtpClient connect(String fromAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
        return new SmtpClient(socket);
    }

    private SmtpClient(Socket socket) throws IOException {
        use(socket);
        this.greeting = readReply();
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.writer = socket.getOutputStream();
    }

    SmtpReplyLine greeting() {
        return greeting;
    }

    SmtpReplyLine command(String line) throws IOException {
        writer.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        writer.flush();
        return readReply();
    }

    SmtpReplyLine ehlo(String name) throws IOException {
        return command("EHLO " + name);
    }

    SmtpReplyLine mailFrom(String path) throws IOException {
        return command("MAIL FROM:" + path);
    }

    SmtpReplyLine rcptTo(String path) throws IOException {
        return command("RCPT TO:" + path);
    }

    /** Sends the message after DATA, dot-stuffed, and returns the reply to the final dot. */
    SmtpReplyLine data(String message) throws IOException {
        SmtpReplyLine intermediate = command("DATA");
        if (intermediate.code() != 354) {
            return intermediate;
        }
        StringBuilder body = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            body.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        body.append(".\r\n");
        writer.write(body.toString().getBytes(StandardCharsets.UTF_8));
        writer.flush();
        return readReply();
    }

    /** STARTTLS, trusting the server's self-signed demo certificate, then EHLO again as RFC 3207 requires. */
    SmtpReplyLine startTls(String ehloName) throws IOException {
        SmtpReplyLine reply = command("STARTTLS");
        if (reply.code() != 220) {
            return reply;
        }
        SSLSocket tls = (SSLSocket) trustingContext().getSocketFactory()
            .createSocket(socket, "localhost", socket.getPort(), true);
        tls.setSoTimeout(TIMEOUT_MILLIS);
        tls.startHandshake();
        use(tls);
        return ehlo(ehloName);
    }

    SmtpReplyLine authPlain(String login, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    private SmtpReplyLine readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = reader.readLine();
            if (line == null) {
                throw new IOException("connection closed by the server after " + lines);
            }
            if (line.length() < 3) {
                throw new IOException("malformed reply line '" + line + "'");
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReplyLine(Integer.parseInt(line.substring(0, 3)), lines);
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
