package org.jamesrelay.server;

import java.util.List;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * Adds James Relay's health checks to James's own ({@code /healthcheck}, and the periodic checks in the log). An
 * extension cannot: James 3.8 builds extension classes in a child injector, whose bindings James's health check set
 * never sees. The checks live in the drop-in jar, so they are built by James's extension loader, by name.
 */
public class RelayHealthChecksModule extends AbstractModule {
    static final List<String> CHECKS = List.of(
        "org.jamesrelay.health.RelayPolicyHealthCheck",
        "org.jamesrelay.health.AntivirusHealthCheck",
        "org.jamesrelay.health.QueuedMailHealthCheck");

    private static final class ExtensionHealthCheck implements Provider<HealthCheck> {
        private final String className;
        @Inject
        private GuiceGenericLoader loader;

        private ExtensionHealthCheck(String className) {
            this.className = className;
        }

        @Override
        public HealthCheck get() {
            try {
                return loader.instantiate(new ClassName(className));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(className + " is not in extensions-jars/: is the James Relay jar there?", e);
            }
        }
    }

    @Override
    protected void configure() {
        Multibinder<HealthCheck> healthChecks = Multibinder.newSetBinder(binder(), HealthCheck.class);
        CHECKS.forEach(check -> healthChecks.addBinding().toProvider(new ExtensionHealthCheck(check)));
    }
}
