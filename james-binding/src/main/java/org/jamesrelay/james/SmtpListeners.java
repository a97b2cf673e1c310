package org.jamesrelay.james;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.smtpserver.netty.SMTPServerFactory;

/** The addresses of this James's enabled SMTP servers; empty until James has built them, after the mailets. */
public final class SmtpListeners implements Supplier<Optional<List<InetSocketAddress>>> {
    private final SMTPServerFactory smtpServers;

    @Inject
    public SmtpListeners(SMTPServerFactory smtpServers) {
        this.smtpServers = smtpServers;
    }

    @Override
    public Optional<List<InetSocketAddress>> get() {
        return Optional.ofNullable(smtpServers.getServers())
            .map(servers -> servers.stream()
                .filter(server -> server.isEnabled())
                .flatMap(server -> server.getListenAddresses().stream())
                .collect(Collectors.toUnmodifiableList()));
    }
}
