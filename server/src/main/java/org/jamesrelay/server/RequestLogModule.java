package org.jamesrelay.server;

import org.apache.james.webadmin.mdc.RequestLogger;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** Adds {@link BodylessRequestLogger} to James's WebAdmin request loggers, which an extension's module cannot extend. */
public class RequestLogModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), RequestLogger.class).addBinding().to(BodylessRequestLogger.class);
    }
}
