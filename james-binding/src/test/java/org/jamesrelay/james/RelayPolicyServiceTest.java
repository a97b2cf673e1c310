package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.domainlist.api.DomainListException;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.Verdict;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayPolicyServiceTest {
    private static final ClientContext CLIENT = ClientContext.from(InetAddress.getLoopbackAddress()).build();
    private static final String POLICY = "relay-domain relay.test\n";
    private static final PolicyChange CHANGE = new PolicyChange("test", "edit", "", "");

    /** A directory source whose answer the test sets: a directory, or a failure of James's stores. */
    private static final class ScriptedDirectory implements DirectorySource {
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

    /** A store that can be made unreachable. */
    private static final class FlakyStore implements PolicyStore {
        private final MemoryPolicyStore delegate;
        private volatile boolean reachable = true;

        FlakyStore(MemoryPolicyStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<StoredPolicy> read() throws PolicyStoreException {
            if (!reachable) {
                throw new PolicyStoreException("unreachable");
            }
            return delegate.read();
        }

        @Override
        public StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
            return delegate.write(text, expectedVersion, change);
        }

        @Override
        public List<AuditEntry> audit(int limit) {
            return delegate.audit(limit);
        }
    }

    private static ScriptedDirectory localTest() {
        ScriptedDirectory directory = new ScriptedDirectory();
        directory.next.set(LocalDirectory.builder().localDomain("local.test").build());
        return directory;
    }

    private static PolicySource lenient(PolicyStore store) {
        return new PolicySource(store, "test store", false, Duration.ofSeconds(1));
    }

    /** A service on a policy file that holds {@code text}. */
    private static RelayPolicyService fileService(Path file, String text) throws Exception {
        Files.writeString(file, text);
        return new RelayPolicyService(PolicySource.file(file, file.resolveSibling("audit.log"), Duration.ofSeconds(1)), localTest());
    }

    private static Verdict verdictFor(RelayPolicyService service, String recipient) {
        return service.decider().decideRecipient(CLIENT, "<a@outside.example>", recipient).verdict();
    }

    @Test
    void decisionsShouldFailTemporarilyUntilJamesDomainsWereRead() {
        RelayPolicyService service = new RelayPolicyService(lenient(MemoryPolicyStore.holding(POLICY)), new ScriptedDirectory());

        assertThat(service.decider().decideRecipient(CLIENT, "<a@outside.example>", "<b@local.test>").reply().asString())
            .isEqualTo("451 4.3.0 Relay policy temporarily unavailable, try again later");
    }

    @Test
    void decisionsShouldFailTemporarilyWhileNoPolicyIsStored() {
        RelayPolicyService service = new RelayPolicyService(lenient(new MemoryPolicyStore(java.time.Clock.systemUTC())), localTest());

        assertThat(verdictFor(service, "b@local.test")).isEqualTo(Verdict.TEMPFAIL);
    }

    @Test
    void decisionsShouldUseTheDirectoryOnceRead() {
        ScriptedDirectory directory = new ScriptedDirectory();
        RelayPolicyService service = new RelayPolicyService(lenient(MemoryPolicyStore.holding(POLICY)), directory);

        directory.next.set(LocalDirectory.builder().localDomain("local.test").build());
        service.refresh();

        assertThat(verdictFor(service, "b@local.test")).isEqualTo(Verdict.LOCAL);
    }

    @Test
    void lastDirectoryShouldBeKeptWhenJamesStoresFail() {
        ScriptedDirectory directory = localTest();
        RelayPolicyService service = new RelayPolicyService(lenient(MemoryPolicyStore.holding(POLICY)), directory);

        directory.next.set(null);
        service.refresh();

        assertThat(verdictFor(service, "b@local.test")).isEqualTo(Verdict.LOCAL);
    }

    @Test
    void domainAddedToJamesShouldBeSeenAfterRefresh() {
        ScriptedDirectory directory = localTest();
        RelayPolicyService service = new RelayPolicyService(lenient(MemoryPolicyStore.holding(POLICY)), directory);

        directory.next.set(LocalDirectory.builder().localDomain("local.test").localDomain("added.test").build());
        service.refresh();

        assertThat(verdictFor(service, "b@added.test")).isEqualTo(Verdict.LOCAL);
    }

    @Test
    void aliasAddedToJamesShouldBeOwnedAfterTheNextRefresh() throws Exception {
        Map<String, Set<String>> jamesAliases = new ConcurrentHashMap<>();
        RelayPolicyService service = new RelayPolicyService(lenient(MemoryPolicyStore.holding(POLICY)), localTest(),
            address -> jamesAliases.getOrDefault(address.key(), Set.of()));
        ClientContext alice = ClientContext.from(InetAddress.getLoopbackAddress()).login("alice@local.test").build();
        assertThat(service.decider().decideSender(alice, "<postmaster@local.test>").verdict()).isEqualTo(Verdict.DENY);

        jamesAliases.put("postmaster@local.test", Set.of("alice@local.test"));
        service.refresh();

        assertThat(service.decider().decideSender(alice, "<postmaster@local.test>").verdict()).isEqualTo(Verdict.SENDER_ACCEPTED);
    }

    @Test
    void changedPolicyShouldBeAppliedAfterRefresh() throws Exception {
        MemoryPolicyStore store = MemoryPolicyStore.holding(POLICY);
        RelayPolicyService service = new RelayPolicyService(lenient(store), localTest());

        store.write(POLICY + "relay-domain added.test\n", service.policyVersion(), CHANGE);
        service.refresh();

        assertThat(verdictFor(service, "b@added.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void refreshShouldReadTheWholePolicyOnlyWhenItsVersionChanged() throws Exception {
        CountingPolicyStore store = new CountingPolicyStore(MemoryPolicyStore.holding(POLICY));
        RelayPolicyService service = new RelayPolicyService(lenient(store), localTest());
        for (int i = 0; i < 10; i++) {
            service.refresh();
        }
        assertThat(store.textReads()).isEqualTo(1);

        store.write(POLICY + "relay-domain other.test\n", store.version(), CHANGE);
        for (int i = 0; i < 10; i++) {
            service.refresh();
        }

        assertThat(store.textReads()).isEqualTo(2);
        assertThat(verdictFor(service, "b@other.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void invalidPolicyShouldNotReplaceTheOneInForce() throws Exception {
        MemoryPolicyStore store = MemoryPolicyStore.holding(POLICY);
        RelayPolicyService service = new RelayPolicyService(lenient(store), localTest());

        store.write("relay-domian typo.test\n", service.policyVersion(), CHANGE);
        service.refresh();

        assertThat(verdictFor(service, "b@relay.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void policyInForceShouldStayWhileTheStoreIsUnreachable() {
        FlakyStore store = new FlakyStore(MemoryPolicyStore.holding(POLICY));
        RelayPolicyService service = new RelayPolicyService(lenient(store), localTest());

        store.reachable = false;
        service.refresh();

        assertThat(verdictFor(service, "b@relay.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void unreachableStoreAtStartupShouldFailClosedThenRecover() {
        FlakyStore store = new FlakyStore(MemoryPolicyStore.holding(POLICY));
        store.reachable = false;
        RelayPolicyService service = new RelayPolicyService(lenient(store), localTest());
        assertThat(verdictFor(service, "b@relay.test")).isEqualTo(Verdict.TEMPFAIL);

        store.reachable = true;
        service.refresh();

        assertThat(verdictFor(service, "b@relay.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void missingPolicyFileShouldBeAStartupErrorNamingIt(@TempDir Path folder) {
        Path missing = folder.resolve("relay-policy.conf");

        assertThatThrownBy(() -> new RelayPolicyService(PolicySource.file(missing, folder.resolve("audit.log"), Duration.ofSeconds(1)), localTest()))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessageStartingWith("The relay policy file " + missing + " does not exist");
    }

    @Test
    void invalidPolicyFileShouldBeAStartupErrorNamingFileLineAndEntry(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("relay-policy.conf");

        assertThatThrownBy(() -> fileService(file, "trusted-network 127.0.0.1/32\nrelay-domian relay.test\n"))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessageStartingWith("Invalid relay policy: " + file + ":2: 'relay-domian relay.test': unknown entry 'relay-domian'");
    }

    @Test
    void sampleConfigurationShouldLoad() {
        Path sample = Path.of("..", "conf", "relay-policy.conf").toAbsolutePath();

        RelayPolicyService service = new RelayPolicyService(PolicySource.file(sample, Path.of("target", "audit.log"), Duration.ofSeconds(1)), localTest());

        assertThat(service.policy().trustedNetworks()).hasSize(2);
    }

    @Test
    void fileEditedByHandShouldBeAppliedOnceTwoRefreshesReadTheSameText(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("relay-policy.conf");
        RelayPolicyService service = fileService(file, POLICY);

        Files.writeString(file, POLICY + "relay-domain by-hand.test\n");
        service.refresh();
        assertThat(verdictFor(service, "b@by-hand.test")).isEqualTo(Verdict.DENY);
        service.refresh();

        assertThat(verdictFor(service, "b@by-hand.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void fileCaughtHalfWrittenShouldNotBeApplied(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("relay-policy.conf");
        RelayPolicyService service = fileService(file, POLICY);

        Files.writeString(file, "relay-domain rel");
        service.refresh();
        Files.writeString(file, POLICY + "relay-domain by-hand.test\n");
        service.refresh();

        assertThat(verdictFor(service, "b@relay.test")).isEqualTo(Verdict.RELAY_DOMAIN);
        assertThat(verdictFor(service, "b@by-hand.test")).isEqualTo(Verdict.DENY);
        service.refresh();
        assertThat(verdictFor(service, "b@by-hand.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void emptiedFileShouldNotReplaceThePolicyInForce(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("relay-policy.conf");
        RelayPolicyService service = fileService(file, POLICY);
        long inForce = service.policyVersion();

        Files.writeString(file, "# everything removed\n\n");
        service.refresh();
        service.refresh();

        assertThat(service.policyVersion()).isEqualTo(inForce);
        assertThat(verdictFor(service, "b@relay.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void emptyPolicyFileShouldBeAStartupErrorNamingIt(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("relay-policy.conf");

        assertThatThrownBy(() -> fileService(file, ""))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessage("The relay policy " + file + " has no entry (an empty policy would refuse every relay domain's mail)");
    }

    @Test
    void policyFileOfCommentsOnlyShouldBeAStartupErrorNamingIt(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("relay-policy.conf");

        assertThatThrownBy(() -> fileService(file, "# nothing yet\r\n\n   # still nothing\n"))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessage("The relay policy " + file + " has no entry (an empty policy would refuse every relay domain's mail)");
    }

    @Test
    void storedPolicyWithoutEntryShouldNotBeApplied() throws Exception {
        MemoryPolicyStore store = MemoryPolicyStore.holding(POLICY);
        RelayPolicyService service = new RelayPolicyService(lenient(store), localTest());

        store.write("   \n", store.read().orElseThrow().version(), CHANGE);
        service.refresh();

        assertThat(verdictFor(service, "b@relay.test")).isEqualTo(Verdict.RELAY_DOMAIN);
    }
}
