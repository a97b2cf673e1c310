package org.jamesrelay.webadmin;

import java.util.Objects;

import javax.inject.Provider;

/**
 * The instance of a provider, asked for once, when first needed. The routes get providers because James builds the
 * WebAdmin routes while its injector is created, before its DomainList is configured: the policy service, which reads
 * the DomainList when it is built, is only asked for at the first request.
 */
final class Lazy<T> {
    private final Provider<T> provider;
    private volatile T instance;

    Lazy(Provider<T> provider) {
        this.provider = provider;
    }

    T get() {
        T current = instance;
        if (current == null) {
            synchronized (this) {
                current = instance;
                if (current == null) {
                    current = Objects.requireNonNull(provider.get());
                    instance = current;
                }
            }
        }
        return current;
    }
}
