package org.jamesrelay.mailets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Open SMTP sessions kept between mails, per next hop (Postfix's connection cache). A session goes back into the cache
 * only after a mail it carried was delivered without any error; it is closed instead when it is too old, has been
 * reused as often as allowed, or its hop already has as many idle sessions as allowed. An idle session is closed after
 * the idle limit, by {@link #closeExpired()}, which the owner calls now and then.
 * <p>
 * The most recently used session is handed out first, so that a hop with less traffic than before lets the others
 * idle out. Sessions are closed outside the cache's lock: a hop slow to answer QUIT holds up only the closing thread.
 *
 * @param <S> the session, closed by the function given to the constructor
 */
final class SessionCache<S> {
    /** A session taken out of the cache, or just opened: in use by one delivery at a time. */
    static final class Lease<S> {
        private final S session;
        private final long openedAt;
        private int mails;

        private Lease(S session, long openedAt) {
            this.session = session;
            this.openedAt = openedAt;
        }

        S session() {
            return session;
        }

        /** Whether the session carried a mail before: the hop may have dropped it since. */
        boolean reused() {
            return mails > 0;
        }
    }

    private static final class Idle<S> {
        private final Lease<S> lease;
        private final long since;

        private Idle(Lease<S> lease, long since) {
            this.lease = lease;
            this.since = since;
        }
    }

    private final ConnectionReuse limits;
    private final Consumer<S> closer;
    private final LongSupplier nanoClock;
    private final Map<Object, Deque<Idle<S>>> idleByHop = new HashMap<>();
    private boolean closed;

    SessionCache(ConnectionReuse limits, Consumer<S> closer, LongSupplier nanoClock) {
        this.limits = limits;
        this.closer = closer;
        this.nanoClock = nanoClock;
    }

    /** A session just opened, for {@link #release} or {@link #discard} once its mail is through. */
    Lease<S> opened(S session) {
        return new Lease<>(session, nanoClock.getAsLong());
    }

    /** An idle session to this hop, still within its limits; the caller checks that the hop still answers it. */
    Optional<Lease<S>> take(Object hop) {
        List<Lease<S>> expired = new ArrayList<>();
        Optional<Lease<S>> found = Optional.empty();
        synchronized (this) {
            Deque<Idle<S>> idle = idleByHop.get(hop);
            long now = nanoClock.getAsLong();
            while (found.isEmpty() && idle != null && !idle.isEmpty()) {
                Idle<S> candidate = idle.pollFirst();
                if (isExpired(candidate, now)) {
                    expired.add(candidate.lease);
                } else {
                    found = Optional.of(candidate.lease);
                }
            }
            if (idle != null && idle.isEmpty()) {
                idleByHop.remove(hop);
            }
        }
        expired.forEach(this::discard);
        return found;
    }

    /** The session's mail was delivered: the session is kept for the next mail to this hop, or closed. */
    void release(Object hop, Lease<S> lease) {
        lease.mails++;
        boolean kept = false;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (!closed && limits.enabled() && mayCarryAnotherMail(lease, now)) {
                Deque<Idle<S>> idle = idleByHop.computeIfAbsent(hop, any -> new ArrayDeque<>());
                if (idle.size() < limits.sessionsPerHop()) {
                    idle.addFirst(new Idle<>(lease, now));
                    kept = true;
                }
            }
        }
        if (!kept) {
            discard(lease);
        }
    }

    /** Closes a session that failed or that is no longer wanted: it is never used again. */
    void discard(Lease<S> lease) {
        closer.accept(lease.session);
    }

    /** Closes the sessions idle longer than the idle limit, or older than the age limit. */
    void closeExpired() {
        List<Lease<S>> expired = new ArrayList<>();
        synchronized (this) {
            long now = nanoClock.getAsLong();
            for (Iterator<Deque<Idle<S>>> hops = idleByHop.values().iterator(); hops.hasNext(); ) {
                Deque<Idle<S>> idle = hops.next();
                idle.removeIf(candidate -> isExpired(candidate, now) && expired.add(candidate.lease));
                if (idle.isEmpty()) {
                    hops.remove();
                }
            }
        }
        expired.forEach(this::discard);
    }

    /** Closes every idle session; sessions released from now on are closed too. */
    void closeAll() {
        List<Lease<S>> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idleByHop.values().forEach(idle -> idle.forEach(candidate -> all.add(candidate.lease)));
            idleByHop.clear();
        }
        all.forEach(this::discard);
    }

    private boolean isExpired(Idle<S> idle, long now) {
        return now - idle.since > limits.idleLimit().toNanos() || !isYoungEnough(idle.lease, now);
    }

    private boolean mayCarryAnotherMail(Lease<S> lease, long now) {
        boolean reusesLeft = limits.reuseCountLimit() == 0 || lease.mails <= limits.reuseCountLimit();
        return reusesLeft && isYoungEnough(lease, now);
    }

    private boolean isYoungEnough(Lease<S> lease, long now) {
        return now - lease.openedAt < limits.ageLimit().toNanos();
    }
}
