package org.jamesrelay.smtp;

import java.net.InetAddress;

import org.jamesrelay.core.Lockout;
import org.jamesrelay.core.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per lockout, in a fixed shape for fail2ban ({@code failregex = lockout scope=\S+ key=\S+ client=<HOST> }):
 * {@code lockout scope=client key=192.0.2.7 client=192.0.2.7 login=<alice@example.com> failures=10 window=600s until=...}.
 */
final class LockoutLog {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.lockouts");

    private LockoutLog() {
    }

    static void log(Lockout lockout, InetAddress client, String login) {
        LOGGER.warn("lockout scope={} key={} client={} login=<{}> failures={} window={}s until={}", lockout.scope().keyword(), lockout.key(),
            client.getHostAddress(), Printable.of(login), lockout.failures(), lockout.window().toSeconds(), lockout.until());
    }
}
