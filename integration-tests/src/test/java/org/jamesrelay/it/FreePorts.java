package org.jamesrelay.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers a test starts. They are drawn below Linux's ephemeral ports (32768-60999): a port from
 * {@code ServerSocket(0)} can be taken by any outgoing connection of the machine (a driver, an SMTP client) between
 * the moment it is chosen and the moment a server of another JVM binds it. No port is given twice in one run.
 */
final class FreePorts {
    private static final int LOWEST_PORT = 20000;
    private static final int HIGHEST_PORT = 32767;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT + 1);
            if (isFree(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST_PORT + " and " + HIGHEST_PORT + " on the loopback");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
