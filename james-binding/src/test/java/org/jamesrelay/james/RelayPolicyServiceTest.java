package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.domainlist.api.DomainListException;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.Verdict;
import org.junit.jupiter.api.Test;

class RelayPolicyServiceTest {
    private static final ClientContext UNTRUSTED = ClientContext.from(InetAddress.getLoopbackAddress()).build();

    /** A directory source whose answer the test sets: a directory, or a failure of James's stores. */
    private static final class ScriptedReader implements DirectorySource {
        private final AtomicReference<LocalDirectory> next = new AtomicReference<>();

        @Override
        public LocalDirectory read() throws DomainListException {
            LocalDirectory directory = next.get();
            if (directory == null) {
                throw new DomainListException("store unreachable");
            }
            return directory;
        }
    }

    private static LocalDirectory localTest() {
        return LocalDirectory.builder().localDomain("local.test").build();
    }

    @Test
    void decisionsShouldFailTemporarilyUntilJamesDomainsWereRead() {
        ScriptedReader reader = new ScriptedReader();

        RelayPolicyService service = new RelayPolicyService(RelayPolicy.empty(), reader);

        assertThat(service.decider().decideRecipient(UNTRUSTED, "<a@outside.example>", "<b@local.test>").reply().asString())
            .isEqualTo("451 4.3.0 Relay policy temporarily unavailable, try again later");
    }

    @Test
    void decisionsShouldUseTheDirectoryOnceRead() {
        ScriptedReader reader = new ScriptedReader();
        RelayPolicyService service = new RelayPolicyService(RelayPolicy.empty(), reader);

        reader.next.set(localTest());
        service.refreshDirectory();

        assertThat(service.decider().decideRecipient(UNTRUSTED, "<a@outside.example>", "<b@local.test>").verdict())
            .isEqualTo(Verdict.LOCAL);
    }

    @Test
    void lastDirectoryShouldBeKeptWhenJamesStoresFail() {
        ScriptedReader reader = new ScriptedReader();
        reader.next.set(localTest());
        RelayPolicyService service = new RelayPolicyService(RelayPolicy.empty(), reader);

        reader.next.set(null);
        service.refreshDirectory();

        assertThat(service.decider().decideRecipient(UNTRUSTED, "<a@outside.example>", "<b@local.test>").verdict())
            .isEqualTo(Verdict.LOCAL);
    }

    @Test
    void domainAddedToJamesShouldBeSeenAfterRefresh() {
        ScriptedReader reader = new ScriptedReader();
        reader.next.set(localTest());
        RelayPolicyService service = new RelayPolicyService(RelayPolicy.empty(), reader);

        reader.next.set(LocalDirectory.builder().localDomain("local.test").localDomain("added.test").build());
        service.refreshDirectory();

        assertThat(service.decider().decideRecipient(UNTRUSTED, "<a@outside.example>", "<b@added.test>").verdict())
            .isEqualTo(Verdict.LOCAL);
    }
}
