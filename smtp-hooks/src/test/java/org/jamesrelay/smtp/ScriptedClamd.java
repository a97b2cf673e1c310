package org.jamesrelay.smtp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A clamd on 127.0.0.1 that reads each {@code zINSTREAM} scan to its end and gives the same verdict to all of them.
 */
final class ScriptedClamd implements AutoCloseable {
    private final ServerSocket server;
    private final String verdict;

    private ScriptedClamd(String verdict) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        this.verdict = verdict;
        Thread thread = new Thread(this::serve, "scripted-clamd");
        thread.setDaemon(true);
        thread.start();
    }

    static ScriptedClamd answering(String verdict) throws IOException {
        return new ScriptedClamd(verdict);
    }

    /** A port of 127.0.0.1 where nothing listens. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                while (in.read() > 0) {
                    // the command, up to its NUL
                }
                for (int length = in.readInt(); length > 0; length = in.readInt()) {
                    in.readFully(new byte[length]);
                }
                OutputStream out = client.getOutputStream();
                out.write((verdict + "\0").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // closed by the test, or a client gone: the next scan gets a connection of its own
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
