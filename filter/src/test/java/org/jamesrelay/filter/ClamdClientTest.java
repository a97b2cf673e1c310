package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClamdClientTest {

    /** No test may take longer than this, whatever the client does. */
    private static final Duration TEST_LIMIT = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstRealClamd {

        private ClamdDaemon clamd;
        private ClamdClient client;

        /** Without clamd, every test below is reported as skipped (an assumption in here would hide them). */
        @BeforeAll
        void startClamd() throws Exception {
            if (ClamdDaemon.isInstalled()) {
                clamd = ClamdDaemon.start();
                System.out.println("clamd answered PING " + clamd.startup().toMillis() + " ms after launch");
                client = new ClamdClient(clamd.host(), clamd.port(), Duration.ofSeconds(10));
            }
        }

        @BeforeEach
        void requireClamd() {
            ClamdDaemon.assumeInstalled();
        }

        @AfterAll
        void stopClamd() throws Exception {
            if (clamd != null) {
                clamd.close();
            }
        }

        @Test
        void pingAnswers() {
            assertThat(bounded(client::ping)).isTrue();
        }

        @Test
        void cleanContentIsClean() {
            assertThat(scan(client, ascii("Hello, this is an ordinary message.\r\n"))).isEqualTo(ScanResult.clean());
        }

        @Test
        void emptyContentIsClean() {
            assertThat(scan(client, new byte[0])).isEqualTo(ScanResult.clean());
        }

        @Test
        void markerIsInfectedWithTheSignatureName() {
            ScanResult result = scan(client, ascii("some text " + ClamdDaemon.MARKER + " more text"));

            assertThat(result.isInfected()).isTrue();
            assertThat(result.signature()).contains(ClamdDaemon.SIGNATURE);
        }

        @Test
        void markerInABase64AttachmentIsFound() {
            byte[] mail = mailWithAttachment("application/octet-stream", "report.bin",
                    ascii("binary-ish payload " + ClamdDaemon.MARKER + " end"));
            assertThat(new String(mail, StandardCharsets.US_ASCII)).doesNotContain(ClamdDaemon.MARKER);

            assertThat(scan(client, mail)).isEqualTo(ScanResult.infected(ClamdDaemon.SIGNATURE));
        }

        @Test
        void markerInAZipAttachmentIsFound() throws IOException {
            byte[] zip = zip("docs/readme.txt", ascii("unpack me: " + ClamdDaemon.MARKER + "\n".repeat(100)));
            assertThat(new String(zip, StandardCharsets.ISO_8859_1)).doesNotContain(ClamdDaemon.MARKER);
            byte[] mail = mailWithAttachment("application/zip", "docs.zip", zip);

            assertThat(scan(client, mail)).isEqualTo(ScanResult.infected(ClamdDaemon.SIGNATURE));
        }

        @Test
        void attachmentWithoutTheMarkerIsClean() throws IOException {
            byte[] mail = mailWithAttachment("application/zip", "docs.zip", zip("docs/readme.txt", ascii("harmless")));

            assertThat(scan(client, mail)).isEqualTo(ScanResult.clean());
        }

        @Test
        void contentOfManyChunksIsClean() {
            assertThat(scan(client, filler(300 * 1024))).isEqualTo(ScanResult.clean());
        }

        @Test
        void markerAcrossAChunkBoundaryIsFound() {
            byte[] content = filler(300 * 1024);
            byte[] marker = ascii(ClamdDaemon.MARKER);
            System.arraycopy(marker, 0, content, ClamdClient.CHUNK_SIZE - marker.length / 2, marker.length);

            assertThat(scan(client, content)).isEqualTo(ScanResult.infected(ClamdDaemon.SIGNATURE));
        }

        @Test
        void markerAtTheEndOfLargeContentIsFound() {
            byte[] content = filler(300 * 1024 + 17);
            byte[] marker = ascii(ClamdDaemon.MARKER);
            System.arraycopy(marker, 0, content, content.length - marker.length, marker.length);

            assertThat(scan(client, content)).isEqualTo(ScanResult.infected(ClamdDaemon.SIGNATURE));
        }

        @Test
        void contentOverStreamMaxLengthIsRefused() {
            InputStream tooLarge = new Filler(26L * 1024 * 1024);

            assertThatThrownBy(() -> bounded(() -> client.scan(tooLarge)))
                    .isInstanceOf(ClamdUnavailableException.class)
                    .hasMessageContaining(clamd.host() + ":" + clamd.port())
                    .hasMessageContaining("StreamMaxLength")
                    .hasMessageContaining("size limit exceeded");
        }
    }

    @Test
    void clamdDownIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ClamdClient client = new ClamdClient("127.0.0.1", port, TIMEOUT);

        assertThatThrownBy(() -> bounded(() -> client.scan(new ByteArrayInputStream(ascii("hello")))))
                .isInstanceOf(ClamdUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("Connection refused");
        assertThat(bounded(client::ping)).isFalse();
    }

    @Test
    void silentClamdTimesOut() throws IOException {
        try (FakeClamd silent = new FakeClamd(socket -> { })) {
            ClamdClient client = new ClamdClient("127.0.0.1", silent.port(), TIMEOUT);

            long started = System.nanoTime();
            assertThatThrownBy(() -> bounded(() -> client.scan(new ByteArrayInputStream(ascii("hello")))))
                    .isInstanceOf(ClamdUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + silent.port())
                    .hasMessageContaining("did not answer within 1000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            started = System.nanoTime();
            assertThat(bounded(client::ping)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void clamdThatStopsReadingHitsTheDeadline() throws IOException {
        try (FakeClamd deaf = new FakeClamd(socket -> { })) {
            ClamdClient client = new ClamdClient("127.0.0.1", deaf.port(), TIMEOUT, Duration.ofSeconds(2));

            long started = System.nanoTime();
            // far more than the socket buffers hold, so the writes block
            assertThatThrownBy(() -> bounded(() -> client.scan(new Filler(1L << 30))))
                    .isInstanceOf(ClamdUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + deaf.port())
                    .hasMessageContaining("deadline of 2000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void slowlyDrippingReplyHitsTheDeadline() throws IOException {
        try (FakeClamd dripping = new FakeClamd(socket -> {
            drainInstream(socket);
            for (int i = 0; i < 100; i++) {
                socket.getOutputStream().write('s');
                sleep(500);
            }
        })) {
            ClamdClient client = new ClamdClient("127.0.0.1", dripping.port(), TIMEOUT, Duration.ofSeconds(2));

            long started = System.nanoTime();
            assertThatThrownBy(() -> bounded(() -> client.scan(new ByteArrayInputStream(ascii("hello")))))
                    .isInstanceOf(ClamdUnavailableException.class)
                    .hasMessageContaining("deadline of 2000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** In the replies, {NUL} stands for the NUL byte that terminates a clamd reply and {CRLF} for CR LF. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "an SMTP banner  | '220 mail.example.com ESMTP Postfix{CRLF}'  | unexpected reply from clamd",
        "an unknown word | 'stream: MAYBE{NUL}'                        | unexpected reply from clamd",
        "an empty FOUND  | 'stream:  FOUND{NUL}'                       | unexpected reply from clamd",
        "a clamd ERROR   | 'stream: Can''t allocate memory ERROR{NUL}' | reported an error",
        "nothing at all  | ''                                          | closed the connection without a reply",
    })
    void badReplyIsUnavailable(String description, String reply, String expectedMessage) throws IOException {
        byte[] replyBytes = reply.replace("{NUL}", "\0").replace("{CRLF}", "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (FakeClamd server = new FakeClamd(socket -> {
            drainInstream(socket);
            socket.getOutputStream().write(replyBytes);
            socket.shutdownOutput();
        })) {
            ClamdClient client = new ClamdClient("127.0.0.1", server.port(), TIMEOUT);

            assertThatThrownBy(() -> bounded(() -> client.scan(new ByteArrayInputStream(ascii("hello")))))
                    .isInstanceOf(ClamdUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port())
                    .hasMessageContaining(expectedMessage);
        }
    }

    @Test
    void endlessGarbageIsUnavailable() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        Arrays.fill(garbage, (byte) 0x7f);
        try (FakeClamd server = new FakeClamd(socket -> {
            drainInstream(socket);
            socket.getOutputStream().write(garbage);
        })) {
            ClamdClient client = new ClamdClient("127.0.0.1", server.port(), TIMEOUT);

            assertThatThrownBy(() -> bounded(() -> client.scan(new ByteArrayInputStream(ascii("hello")))))
                    .isInstanceOf(ClamdUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port())
                    .hasMessageContaining("without a NUL terminator");
        }
    }

    @Test
    void scanResultsDescribeThemselves() {
        assertThat(ScanResult.clean().isInfected()).isFalse();
        assertThat(ScanResult.clean().signature()).isEmpty();
        assertThat(ScanResult.clean()).hasToString("ScanResult[clean]");
        assertThat(ScanResult.infected("Eicar-Signature")).hasToString("ScanResult[infected: Eicar-Signature]");
        assertThatThrownBy(() -> ScanResult.infected(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ScanResult scan(ClamdClient client, byte[] content) {
        return bounded(() -> client.scan(new ByteArrayInputStream(content)));
    }

    private static <T> T bounded(ThrowingSupplier<T> action) {
        return assertTimeoutPreemptively(TEST_LIMIT, action);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Printable, signature-free bytes. */
    private static byte[] filler(int size) {
        byte[] content = new byte[size];
        byte[] line = ascii("The quick brown fox jumps over the lazy dog.\r\n");
        for (int i = 0; i < size; i++) {
            content[i] = line[i % line.length];
        }
        return content;
    }

    /** An RFC 5322 message, multipart/mixed, with one base64-encoded attachment. */
    private static byte[] mailWithAttachment(String contentType, String filename, byte[] attachment) {
        String encoded = Base64.getMimeEncoder(76, ascii("\r\n")).encodeToString(attachment);
        String mail = String.join("\r\n",
                "From: Alice <alice@example.com>",
                "To: Bob <bob@example.org>",
                "Subject: the documents",
                "Date: Mon, 2 Jun 2025 10:00:00 +0000",
                "Message-ID: <clamd-test-1@example.com>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"=_boundary_42\"",
                "",
                "This is a multi-part message in MIME format.",
                "",
                "--=_boundary_42",
                "Content-Type: text/plain; charset=us-ascii",
                "Content-Transfer-Encoding: 7bit",
                "",
                "Hi Bob, the documents are attached.",
                "",
                "--=_boundary_42",
                "Content-Type: " + contentType + "; name=\"" + filename + "\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"" + filename + "\"",
                "",
                encoded,
                "--=_boundary_42--",
                "");
        return ascii(mail);
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Reads a whole zINSTREAM request: the command, then length-prefixed chunks up to the empty one. */
    private static void drainInstream(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        in.readNBytes("zINSTREAM\0".length());
        int length;
        while ((length = in.readInt()) > 0) {
            in.readNBytes(length);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code size} bytes of 'x', generated as read. */
    private static final class Filler extends InputStream {
        private long remaining;

        Filler(long size) {
            remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            Arrays.fill(buffer, offset, offset + count, (byte) 'x');
            remaining -= count;
            return count;
        }
    }

    @FunctionalInterface
    private interface Conversation {
        void handle(Socket socket) throws IOException;
    }

    /** A local server that accepts connections and handles each one on its own thread. */
    private static final class FakeClamd implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        FakeClamd(Conversation conversation) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.add(socket);
                        Thread handler = new Thread(() -> {
                            try {
                                conversation.handle(socket);
                            } catch (IOException e) {
                                // the client went away
                            }
                        }, "fake-clamd-conversation");
                        handler.setDaemon(true);
                        handler.start();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "fake-clamd-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
