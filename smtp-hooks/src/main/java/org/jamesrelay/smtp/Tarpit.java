package org.jamesrelay.smtp;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Singleton;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolTransport;

/**
 * Slows a session down without holding a thread: the reply is written at once, then the session's channel stops
 * reading for the delay, so the client's next command is read, and answered, that much later. James runs the SMTP
 * handlers on Netty's I/O threads, which also serve other connections; a sleep there would stall them, and
 * {@code HookResult} has no delay. One scheduler thread turns reading back on.
 * <p>
 * A command the client had already sent in the same packet (pipelined RCPTs) is answered without delay; the hard
 * error limit still counts it, and ends the session.
 */
@Singleton
public class Tarpit {
    private static final ProtocolSession.AttachmentKey<Object> PAUSE = ProtocolSession.AttachmentKey.of("org.jamesrelay.tarpit", Object.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "james-relay-tarpit");
        thread.setDaemon(true);
        return thread;
    });

    /** Stops reading from the session's client for {@code delay}; a later pause replaces an earlier one. */
    public void pause(ProtocolSession session, Duration delay) {
        if (delay.isZero() || delay.isNegative() || !(session instanceof ProtocolSessionImpl)) {
            return;
        }
        ProtocolTransport transport = ((ProtocolSessionImpl) session).getProtocolTransport();
        Object pause = new Object();
        session.setAttachment(PAUSE, pause, ProtocolSession.State.Connection);
        transport.setReadable(false);
        scheduler.schedule(() -> resume(session, transport, pause), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void resume(ProtocolSession session, ProtocolTransport transport, Object pause) {
        if (session.getAttachment(PAUSE, ProtocolSession.State.Connection).filter(current -> current == pause).isPresent()) {
            transport.setReadable(true);
        }
    }

    @PreDestroy
    public void stop() {
        scheduler.shutdownNow();
    }
}
