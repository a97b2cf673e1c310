package org.jamesrelay.smtp;

import java.lang.reflect.Field;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;

/**
 * The Netty channel of a James SMTP session. James 3.8.1 keeps it in a private field of its
 * {@link NettyProtocolTransport} and offers no other way to it; the protocol-synchronization check needs it to see
 * what the client sent before the relay answered, the greet pause its event loop. Without that field (another
 * James), both are off and one WARN says so.
 */
final class NettyChannels {
    private static final Logger LOGGER = LoggerFactory.getLogger(NettyChannels.class);
    private static final Optional<Field> CHANNEL = channelField();

    private NettyChannels() {
    }

    static Optional<Channel> of(ProtocolSession session) {
        if (CHANNEL.isEmpty() || !(session instanceof ProtocolSessionImpl)
            || !(((ProtocolSessionImpl) session).getProtocolTransport() instanceof NettyProtocolTransport)) {
            return Optional.empty();
        }
        try {
            return Optional.of((Channel) CHANNEL.get().get(((ProtocolSessionImpl) session).getProtocolTransport()));
        } catch (IllegalAccessException e) {
            return Optional.empty();
        }
    }

    private static Optional<Field> channelField() {
        try {
            Field field = NettyProtocolTransport.class.getDeclaredField("channel");
            field.setAccessible(true);
            return Optional.of(field);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("The SMTP protocol-synchronization check and greet pause are off: this James has no Netty channel where 3.8.1 has it ({})", e.toString());
            return Optional.empty();
        }
    }
}
