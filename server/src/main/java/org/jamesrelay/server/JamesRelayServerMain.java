package org.jamesrelay.server;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.modules.server.JMXServerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock James 3.8.1 memory server, module for module, with a durable mail queue ({@link DurableQueueModule}) and a
 * WebAdmin request log that does not read the bodies of policy imports and DKIM keys ({@link RequestLogModule}): what
 * an extension cannot add. Everything else (configuration files, extensions-jars, WebAdmin, JMX) is the stock server's.
 */
public final class JamesRelayServerMain implements JamesServerMain {
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesRelayServerMain.class);

    private JamesRelayServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ExtraProperties.initialize();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        LOGGER.info("Loading configuration {}", configuration);
        JamesServerMain.main(createServer(configuration)
            .combineWith(new FakeSearchMailboxModule(), new JMXServerModule(), new RequestLogModule())
            .overrideWith(new DurableQueueModule(), new RunArgumentsModule(args)));
    }

    public static GuiceJamesServer createServer(MemoryJamesConfiguration configuration) {
        return MemoryJamesServerMain.createServer(configuration);
    }
}
