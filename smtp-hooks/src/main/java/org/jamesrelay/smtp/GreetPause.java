package org.jamesrelay.smtp;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a connection's greeting back for the policy's {@code greet-pause} and refuses a client that speaks first, as
 * Sendmail's {@code greet_pause} and postscreen's pregreet test: an SMTP client must wait for the greeting (RFC 5321
 * 3.1); spam software that does not wait is caught. Until the greeting, every line the client sends comes here
 * instead of to James's commands (a line handler pushed on the session); the first one is answered
 * {@code 554 5.5.0} and the connection closed. The greeting is written by a task scheduled on the channel's event
 * loop, the thread that reads the client's lines: no thread waits for the pause, and a line is either read before the
 * greeting or after it.
 * <p>
 * It works on lines: a client that sends a command without its line end before the greeting is not caught.
 */
final class GreetPause implements LineHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.limits");

    private final long connectedAt = System.nanoTime();
    private ScheduledFuture<?> greeting;
    private boolean refused;

    private GreetPause() {
    }

    /**
     * Runs {@code greet} after {@code pause} on {@code eventLoop}, unless the client sends a line before. Call on that
     * event loop.
     */
    static GreetPause hold(SMTPSession session, ScheduledExecutorService eventLoop, Duration pause, Runnable greet) {
        GreetPause handler = new GreetPause();
        session.pushLineHandler(handler);
        handler.greeting = eventLoop.schedule(() -> {
            if (!handler.refused) {
                session.popLineHandler();
                greet.run();
            }
        }, pause.toMillis(), TimeUnit.MILLISECONDS);
        return handler;
    }

    @Override
    public Response onLine(SMTPSession session, byte[] line) {
        if (refused) {
            return null;
        }
        refused = true;
        greeting.cancel(false);
        LOGGER.info("improper command pipelining before the greeting from {}: {} bytes {} ms after connect", session.getRemoteAddress(),
            line.length, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAt));
        SMTPResponse refusal = new SMTPResponse("554", "5.5.0 Error: SMTP protocol synchronization");
        refusal.setEndSession(true);
        return refusal;
    }

    /** The connection ended: no greeting. */
    void cancel() {
        greeting.cancel(false);
    }
}
