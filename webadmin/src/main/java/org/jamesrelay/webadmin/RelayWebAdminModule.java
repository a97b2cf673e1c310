package org.jamesrelay.webadmin;

import org.apache.james.webadmin.mdc.RequestLogger;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** James Relay's bindings for WebAdmin, named in {@code conf/extensions.properties} beside {@code RelayModule}. */
public class RelayWebAdminModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), RequestLogger.class).addBinding().to(BodylessRequestLogger.class);
    }
}
