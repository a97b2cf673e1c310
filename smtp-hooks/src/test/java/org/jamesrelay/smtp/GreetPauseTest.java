package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pause on a fake session: what James would hand the client's lines to, and when the greeting is written. */
class GreetPauseTest {
    private final ScheduledExecutorService eventLoop = Executors.newSingleThreadScheduledExecutor();
    private final FakeSession session = FakeSession.from("192.0.2.7");
    private final CountDownLatch greeted = new CountDownLatch(1);

    @AfterEach
    void stop() {
        eventLoop.shutdownNow();
    }

    private void hold(Duration pause) throws Exception {
        eventLoop.submit(() -> GreetPause.hold(session, eventLoop, pause, greeted::countDown)).get();
    }

    @SuppressWarnings("unchecked")
    private Response sendLine(String line) throws Exception {
        LineHandler<SMTPSession> handler = (LineHandler<SMTPSession>) session.lineHandler().orElseThrow();
        return eventLoop.submit(() -> handler.onLine(session, line.getBytes(StandardCharsets.US_ASCII))).get();
    }

    @Test
    void aClientThatWaitsShouldBeGreetedAfterThePauseAndHeardByJames() throws Exception {
        long start = System.nanoTime();
        hold(Duration.ofMillis(200));
        assertThat(session.lineHandler()).containsInstanceOf(GreetPause.class);

        assertThat(greeted.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(eventLoop.submit(() -> session.lineHandler().isEmpty()).get()).isTrue();
    }

    @Test
    void aClientThatSpeaksFirstShouldBeRefusedAndDisconnectedWithoutAGreeting() throws Exception {
        hold(Duration.ofMinutes(1));

        Response refusal = sendLine("EHLO spambot.example\r\n");

        assertThat(refusal.getRetCode()).isEqualTo("554");
        assertThat(refusal.getLines()).containsExactly("554 5.5.0 Error: SMTP protocol synchronization");
        assertThat(refusal.isEndSession()).isTrue();
        assertThat(sendLine("MAIL FROM:<a@example.com>\r\n")).isNull();
        assertThat(greeted.getCount()).isEqualTo(1);
    }

    /** The event loop's delayed tasks still run after shutdown: the greeting would, had it not been cancelled. */
    @Test
    void aRefusedClientShouldNotBeGreetedWhenThePauseEnds() throws Exception {
        hold(Duration.ofSeconds(1));
        sendLine("EHLO spambot.example\r\n");

        eventLoop.shutdown();
        assertThat(eventLoop.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(greeted.getCount()).isEqualTo(1);
    }
}
