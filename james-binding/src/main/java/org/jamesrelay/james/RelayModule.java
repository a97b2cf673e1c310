package org.jamesrelay.james;

import java.util.Optional;

import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesrelay.core.AuthFailureGuard;
import org.jamesrelay.core.RateLimiter;
import org.jamesrelay.james.dkim.DkimKeyEditor;
import org.jamesrelay.james.dkim.DkimKeyService;
import org.jamesrelay.james.dkim.DkimKeySource;
import org.jamesrelay.james.metrics.RelayGauges;
import org.jamesrelay.james.metrics.RelayMetrics;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Scopes;

/**
 * James Relay's bindings, named in {@code conf/extensions.properties} ({@code guice.extension.module}). James builds
 * the relay's SMTP hooks, matchers, mailets, WebAdmin routes and health checks with an injector that has these
 * bindings, so they share one policy service, one store, one set of DKIM keys and one set of metrics, and James runs
 * the {@code @PreDestroy} methods of what that injector built when it stops.
 * <p>
 * Nothing is bound eagerly: the policy service reads James's domains when it is built, and James builds its WebAdmin
 * routes and health checks before it configures its domain list; they ask for the service when first used.
 */
public class RelayModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(RelayPolicyService.class).in(Scopes.SINGLETON);
        bind(PolicyEditor.class).in(Scopes.SINGLETON);
        bind(JamesDirectoryReader.class).in(Scopes.SINGLETON);
        bind(SmtpListeners.class).in(Scopes.SINGLETON);
        bind(RelayMetrics.class).in(Scopes.SINGLETON);
        bind(RelayGauges.class).in(Scopes.SINGLETON);
        bind(DkimKeyService.class).in(Scopes.SINGLETON);
        bind(DkimKeyEditor.class).in(Scopes.SINGLETON);
        bind(RateLimitSync.class).in(Scopes.SINGLETON);
    }

    /** The store {@code conf/relay-store.properties} names; a Cassandra store uses James's session when it has one. */
    @Provides
    @Singleton
    PolicySource policySource(FileSystem fileSystem, Injector injector) {
        AdminPlaneGuard.check(fileSystem);
        return PolicySource.open(fileSystem, jamesCassandraSession(injector));
    }

    /** The DKIM keys, kept beside the policy in the same store. */
    @Provides
    @Singleton
    DkimKeySource dkimKeySource(FileSystem fileSystem, Injector injector) {
        return DkimKeySource.open(fileSystem, jamesCassandraSession(injector));
    }

    /** Failed logins, counted across the SMTP sessions of this node: shared with the other nodes on a Cassandra store. */
    @Provides
    @Singleton
    AuthFailureGuard authFailureGuard(RateLimitSync sync) {
        return sync.guard();
    }

    /** The counts of the policy's rate limits: shared with the other nodes on a Cassandra store. */
    @Provides
    @Singleton
    RateLimiter rateLimiter(RateLimitSync sync) {
        return sync.limiter();
    }

    private static Optional<CqlSession> jamesCassandraSession(Injector injector) {
        return Optional.ofNullable(injector.getExistingBinding(Key.get(CqlSession.class)))
            .map(binding -> binding.getProvider().get());
    }
}
