package org.jamesrelay.james;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.jamesrelay.core.RateLimiter;
import org.jamesrelay.core.SharedWindows;
import org.jamesrelay.store.SharedCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limiter of this node: on a store shared by several nodes (Cassandra), its windowed limits are counted
 * together with the other nodes', synced once a refresh interval by one thread; on a file store, per node.
 */
public class RateLimitSync {
    private static final Logger LOGGER = LoggerFactory.getLogger(RateLimitSync.class);
    static final String SYNC_THREAD = "james-relay-rate-sync";

    private final RateLimiter limiter;
    private final Optional<Refresher> syncer;
    private volatile boolean failing;

    @Inject
    public RateLimitSync(RelayPolicyService policyService) {
        Optional<SharedCounters> counters = policyService.store().sharedCounters();
        Optional<SharedWindows> shared = counters.map(any -> new SharedWindows(Clock.systemUTC()));
        this.limiter = new RateLimiter(Clock.systemUTC(), shared);
        this.syncer = shared.map(windows -> Refresher.every(policyService.refreshInterval(), SYNC_THREAD,
            () -> sync(policyService, windows, counters.get())));
    }

    public RateLimiter limiter() {
        return limiter;
    }

    private void sync(RelayPolicyService policyService, SharedWindows windows, SharedCounters counters) {
        try {
            windows.sync(policyService.policy().rateLimits(), new SharedWindows.Store() {
                @Override
                public void add(String limit, long window, Map<String, Long> deltas) throws Exception {
                    counters.add(limit, window, deltas);
                }

                @Override
                public Map<String, Long> read(String limit, long window) throws Exception {
                    return counters.read(limit, window);
                }
            });
            if (failing) {
                LOGGER.info("Rate-limit counts are shared again with the other nodes");
                failing = false;
            }
        } catch (Exception e) {
            if (!failing) {
                LOGGER.warn("Rate-limit counts cannot be shared with the other nodes; this node limits with what it knows: {}", e.getMessage());
                failing = true;
            }
        }
    }

    @PreDestroy
    public void stop() {
        syncer.ifPresent(Refresher::close);
    }
}
