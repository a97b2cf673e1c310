package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.Transport;
import org.junit.jupiter.api.Test;

class OwnListenersTest {
    private static Transport transport(String hops) throws Exception {
        return PolicyFileParser.parse("p", "route * " + hops).routes().defaultOrDirect().transport();
    }

    @Test
    void aHopOnOneOfOurListenersLoops() throws Exception {
        OwnListeners listeners = new OwnListeners(() -> Optional.of(List.of(new InetSocketAddress("127.0.0.1", 2525))));

        assertThat(listeners.loopingHop(transport("[127.0.0.1]:2600,[127.0.0.1]:2525"))).contains(new NextHop("127.0.0.1", 2525));
    }

    @Test
    void anotherPortOrAnotherAddressDoesNotLoop() throws Exception {
        OwnListeners listeners = new OwnListeners(() -> Optional.of(List.of(new InetSocketAddress("127.0.0.1", 2525))));

        assertThat(listeners.loopingHop(transport("[127.0.0.1]:2526"))).isEmpty();
        assertThat(listeners.loopingHop(transport("[127.0.0.2]:2525"))).isEmpty();
        assertThat(listeners.loopingHop(transport("direct"))).isEmpty();
    }

    @Test
    void aListenerOnEveryAddressCatchesAnyAddressOfThisHost() throws Exception {
        OwnListeners listeners = new OwnListeners(() -> Optional.of(List.of(new InetSocketAddress("0.0.0.0", 25))));

        assertThat(listeners.loopingHop(transport("[127.0.0.2]:25"))).isPresent();
        assertThat(listeners.loopingHop(transport("[192.0.2.1]:25"))).isEmpty();
    }

    @Test
    void listenersAreUnknownUntilTheSmtpServersExist() {
        assertThat(new OwnListeners(Optional::empty).known()).isFalse();
        assertThat(new OwnListeners(() -> Optional.of(List.of())).known()).isTrue();
    }
}
