package org.jamesrelay.james;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.jamesrelay.core.AuthFailureGuard;
import org.jamesrelay.core.RateLimiter;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.SharedWindows;
import org.jamesrelay.store.SharedCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limiter and the failed-login guard of this node: on a store shared by several nodes (Cassandra), the
 * windowed rate limits and the failed logins are counted together with the other nodes', synced once a refresh
 * interval by one thread, after which the guard locks out what the cluster's failures took to a threshold; on a
 * file store, per node, in memory.
 */
public class RateLimitSync {
    private static final Logger LOGGER = LoggerFactory.getLogger(RateLimitSync.class);
    private static final Logger LOCKOUTS = LoggerFactory.getLogger("org.jamesrelay.lockouts");
    static final String SYNC_THREAD = "james-relay-rate-sync";

    private final RateLimiter limiter;
    private final AuthFailureGuard guard;
    private final Optional<Refresher> syncer;
    private volatile boolean failing;

    @Inject
    public RateLimitSync(RelayPolicyService policyService) {
        Optional<SharedCounters> counters = policyService.store().sharedCounters();
        Optional<SharedWindows> shared = counters.map(any -> new SharedWindows(Clock.systemUTC()));
        this.limiter = new RateLimiter(Clock.systemUTC(), shared);
        this.guard = shared.map(windows -> new AuthFailureGuard(Clock.systemUTC(), windows)).orElseGet(() -> new AuthFailureGuard(Clock.systemUTC()));
        this.syncer = shared.map(windows -> Refresher.every(policyService.refreshInterval(), SYNC_THREAD,
            () -> sync(policyService, windows, counters.get())));
    }

    public RateLimiter limiter() {
        return limiter;
    }

    public AuthFailureGuard guard() {
        return guard;
    }

    private void sync(RelayPolicyService policyService, SharedWindows windows, SharedCounters counters) {
        RelayPolicy policy = policyService.policy();
        SharedWindows.Store store = new SharedWindows.Store() {
            @Override
            public void add(String limit, long window, Map<String, Long> deltas) throws Exception {
                counters.add(limit, window, deltas);
            }

            @Override
            public Map<String, Long> read(String limit, long window) throws Exception {
                return counters.read(limit, window);
            }
        };
        try {
            windows.sync(policy.rateLimits(), store);
            windows.sync(AuthFailureGuard.countedWindows(policy.authFailureLimits()), store);
            guard.learn(policy.authFailureLimits()).forEach(lockout -> LOCKOUTS.warn(
                "lockout learned from the other nodes scope={} key={} failures={} window={}s until={}",
                lockout.scope().keyword(), lockout.key(), lockout.failures(), lockout.window().toSeconds(), lockout.until()));
            if (failing) {
                LOGGER.info("Rate-limit and failed-login counts are shared again with the other nodes");
                failing = false;
            }
        } catch (Exception e) {
            if (!failing) {
                LOGGER.warn("Rate-limit and failed-login counts cannot be shared with the other nodes; this node limits with what it knows: {}",
                    e.getMessage());
                failing = true;
            }
        }
    }

    @PreDestroy
    public void stop() {
        syncer.ifPresent(Refresher::close);
    }
}
