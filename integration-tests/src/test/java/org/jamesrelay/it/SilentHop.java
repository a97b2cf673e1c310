package org.jamesrelay.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A next hop that accepts connections and never says a word, as a host behind a broken firewall does: each
 * connection holds its client until the client's own timeout.
 */
final class SilentHop implements AutoCloseable {
    private final ServerSocket serverSocket;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    static SilentHop start() throws IOException {
        return new SilentHop(new ServerSocket(FreePorts.next(), 50, InetAddress.getLoopbackAddress()));
    }

    private SilentHop(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        Thread acceptor = new Thread(this::accept, "silent-hop-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try {
                connections.add(serverSocket.accept());
            } catch (IOException e) {
                return;
            }
        }
    }

    String hop() {
        return "[127.0.0.1]:" + serverSocket.getLocalPort();
    }

    /** Connections accepted and still open. */
    long openConnections() {
        return connections.stream().filter(socket -> !socket.isClosed() && !isClosedByPeer(socket)).count();
    }

    private static boolean isClosedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
