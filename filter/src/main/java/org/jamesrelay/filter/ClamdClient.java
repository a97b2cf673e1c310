package org.jamesrelay.filter;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client for clamd's TCP socket: scans content with {@code zINSTREAM} and checks liveness with
 * {@code zPING}. One connection per call; instances are immutable and thread-safe.
 *
 * <p>{@code timeout} bounds the connect and every read, including the wait for the verdict after
 * the content has been sent. A whole call is also bounded by an overall deadline (by default four
 * times the timeout), enforced by closing the socket: this also covers a clamd that stops reading,
 * where a write would otherwise block forever.
 */
public final class ClamdClient {

    static final int CHUNK_SIZE = 64 * 1024;
    private static final int MAX_REPLY_BYTES = 1024;
    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);

    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private final String host;
    private final int port;
    private final Duration timeout;
    private final Duration deadline;

    public ClamdClient(String host, int port, Duration timeout) {
        this(host, port, timeout, timeout == null ? null : timeout.multipliedBy(4));
    }

    /** @param deadline the most a whole scan or ping may take, from connect to verdict */
    public ClamdClient(String host, int port, Duration timeout, Duration deadline) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.host = host;
        this.port = port;
        this.timeout = requirePositiveMillis(timeout, "timeout");
        this.deadline = requirePositiveMillis(deadline, "deadline");
    }

    /**
     * Streams {@code content} to clamd in chunks and returns its verdict. The stream is read to its
     * end but not closed.
     *
     * @throws ClamdUnavailableException when clamd gives no verdict, whatever the reason
     * @throws UncheckedIOException when reading {@code content} itself fails
     */
    public ScanResult scan(InputStream content) throws ClamdUnavailableException {
        Objects.requireNonNull(content, "content");
        String reply = exchange(out -> {
            out.write(INSTREAM);
            byte[] chunk = new byte[CHUNK_SIZE];
            int length;
            while ((length = readChunk(content, chunk)) > 0) {
                writeLength(out, length);
                out.write(chunk, 0, length);
            }
            writeLength(out, 0);
        });
        return verdict(reply);
    }

    /** True when clamd answers {@code PONG} in time; never throws. */
    public boolean ping() {
        try {
            return "PONG".equals(exchange(out -> out.write(PING)));
        } catch (ClamdUnavailableException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ClamdClient[" + address() + ", timeout " + millis(timeout) + ", deadline " + millis(deadline) + "]";
    }

    private ScanResult verdict(String reply) throws ClamdUnavailableException {
        if (reply.equals("stream: OK")) {
            return ScanResult.clean();
        }
        String prefix = "stream: ";
        String suffix = " FOUND";
        if (reply.startsWith(prefix) && reply.endsWith(suffix) && reply.length() > prefix.length() + suffix.length()) {
            String signature = reply.substring(prefix.length(), reply.length() - suffix.length()).trim();
            if (!signature.isEmpty()) {
                return ScanResult.infected(signature);
            }
        }
        if (reply.contains("size limit exceeded")) {
            throw new ClamdUnavailableException("clamd at " + address()
                    + " refused the content as larger than its StreamMaxLength: " + printable(reply));
        }
        if (reply.endsWith("ERROR")) {
            throw new ClamdUnavailableException("clamd at " + address() + " reported an error: " + printable(reply));
        }
        throw new ClamdUnavailableException("unexpected reply from clamd at " + address() + ": " + printable(reply));
    }

    /** Connects, sends a request and returns the NUL-terminated reply, all within the deadline. */
    private String exchange(Request request) throws ClamdUnavailableException {
        Socket socket = new Socket();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            closeQuietly(socket);
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try (socket) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), CHUNK_SIZE + 4);
            try {
                request.writeTo(out);
                out.flush();
            } catch (IOException writeFailure) {
                // clamd may answer and close before it has read everything (size limit exceeded):
                // its reply says more than the broken pipe.
                String early = readEarlyReply(socket);
                if (early.isEmpty()) {
                    throw writeFailure;
                }
                return early;
            }
            String reply = readReply(socket.getInputStream());
            if (reply.isEmpty()) {
                throw new ClamdUnavailableException("clamd at " + address() + " closed the connection without a reply");
            }
            return reply;
        } catch (IOException e) {
            if (expired.get()) {
                throw new ClamdUnavailableException("clamd at " + address() + " gave no verdict within the deadline of "
                        + millis(deadline), e);
            }
            if (e instanceof SocketTimeoutException) {
                throw new ClamdUnavailableException("clamd at " + address() + " did not answer within " + millis(timeout), e);
            }
            throw new ClamdUnavailableException("clamd at " + address() + " failed: " + e, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private static String readEarlyReply(Socket socket) {
        try {
            return socket.isClosed() ? "" : readReply(socket.getInputStream());
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads up to the terminating NUL (or the end of the stream); empty if clamd sent nothing. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            if (reply.size() == MAX_REPLY_BYTES) {
                throw new IOException("reply longer than " + MAX_REPLY_BYTES + " bytes without a NUL terminator");
            }
            reply.write(b);
        }
        return reply.toString(StandardCharsets.ISO_8859_1).trim();
    }

    private static int readChunk(InputStream content, byte[] chunk) {
        try {
            return content.readNBytes(chunk, 0, chunk.length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the content to scan failed", e);
        }
    }

    private static void writeLength(OutputStream out, int length) throws IOException {
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private String address() {
        return host + ":" + port;
    }

    /** A reply as it may appear in a message: printable ASCII only, bounded. */
    private static String printable(String reply) {
        String bounded = reply.length() > 200 ? reply.substring(0, 200) + "..." : reply;
        return "'" + bounded.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only to unblock the caller
        }
    }

    private static Duration requirePositiveMillis(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms: " + value);
        }
        return value;
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "clamd-client-deadline");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @FunctionalInterface
    private interface Request {
        void writeTo(OutputStream out) throws IOException;
    }
}
