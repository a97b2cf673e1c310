package org.jamesrelay.it;

import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One relay with the sample configuration and one next hop for all test classes that use this extension: started
 * on first use, stopped when the whole test run ends. Tests tell their mail apart by subject.
 */
final class SharedRelay implements BeforeAllCallback, ParameterResolver {
    static final class Fixture implements ExtensionContext.Store.CloseableResource {
        final NextHop nextHop;
        final RelayServer server;

        private Fixture() throws Exception {
            this.nextHop = NextHop.start();
            this.server = RelayServer.start("shared", nextHop, Optional.empty());
        }

        @Override
        public void close() {
            server.close();
            nextHop.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        fixture(context);
    }

    private static Fixture fixture(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(Fixture.class, key -> {
                try {
                    return new Fixture();
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start the shared relay", e);
                }
            }, Fixture.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RelayServer.class || type == NextHop.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture fixture = fixture(context);
        return parameter.getParameter().getType() == RelayServer.class ? fixture.server : fixture.nextHop;
    }
}
