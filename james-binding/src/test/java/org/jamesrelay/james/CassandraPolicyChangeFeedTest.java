package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.core.AddressSyntaxException;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.cassandra.CassandraNodeExtension;
import org.jamesrelay.store.cassandra.CassandraPolicyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two relay nodes on one Cassandra keyspace, each with a session of its own: an edit made through one reaches the
 * other as a change, not as the whole text, at 1,000,000 relay recipients ({@code -Dlarge.recipients=N} for another
 * size) as with a few. Prints the times.
 */
class CassandraPolicyChangeFeedTest {
    private static final int RECIPIENTS = Integer.getInteger("large.recipients", 1_000_000);
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int IDLE_REFRESHES = 200;
    private static final String ADDED = "relay-recipient added@d1.relay.test";
    private static final PolicyChange ADD = new PolicyChange("admin", "add relay-recipient", "", ADDED);
    private static final PolicyChange REMOVE = new PolicyChange("admin", "remove relay-recipient", ADDED, "");

    @RegisterExtension
    static final CassandraNodeExtension cassandra = new CassandraNodeExtension();

    private CassandraPolicyStore first;
    private CassandraPolicyStore second;

    @BeforeEach
    void connect() throws Exception {
        first = CassandraPolicyStore.connect(cassandra.configuration("relay_change_feed").build());
        second = CassandraPolicyStore.connect(cassandra.configuration("relay_change_feed").build());
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void anEditShouldReachTheOtherNodeAsAChange() throws Exception {
        first.write(policyWith(100), first.version(), ADD);
        RelayPolicyService writer = service(first);
        CountingPolicyStore counting = new CountingPolicyStore(second);
        RelayPolicyService reader = service(counting);
        counting.resetCounts();

        editor(writer).edit(ADD, document -> document.add(ADDED));
        reader.refreshPolicy();

        assertThat(accepts(reader, "added@d1.relay.test")).isTrue();
        assertThat(reader.policyVersion()).isEqualTo(second.version());
        assertThat(reader.policy()).isEqualTo(writer.policy());
        assertThat(counting.textReads()).isEqualTo(0);
    }

    @Test
    void anEditOfALargePolicyShouldReachTheOtherNodeWithinARefreshWithoutReadingItWhole() throws Exception {
        first.write(policyWith(RECIPIENTS), first.version(), PolicyChange.ofTexts("deploy", "import", "", "(large)"));
        long start = System.nanoTime();
        RelayPolicyService writer = service(first);
        Duration startup = since(start);
        CountingPolicyStore counting = new CountingPolicyStore(second);
        RelayPolicyService reader = service(counting);
        counting.resetCounts();
        start = System.nanoTime();
        for (int i = 0; i < IDLE_REFRESHES; i++) {
            reader.refreshPolicy();
        }
        Duration idleRefresh = since(start).dividedBy(IDLE_REFRESHES);
        PolicyEditor editor = editor(writer);
        Duration[] edit = new Duration[1];
        start = System.nanoTime();
        long edited = editWhileRefreshing(reader, () -> {
            long begun = System.nanoTime();
            long written = editor.edit(ADD, document -> afterItsDomain(editor, document, "d1.relay.test", ADDED));
            edit[0] = since(begun);
            return written;
        });
        Duration visible = since(start);
        start = System.nanoTime();
        long editedAgain = editor.edit(ADD, document -> document.add("relay-recipient again@d2.relay.test"));
        Duration textEdit = since(start);
        start = System.nanoTime();
        reader.refreshPolicy();
        Duration apply = since(start);
        start = System.nanoTime();
        editor.edit(ADD, document -> editor.withEntriesInForce(document).add("route d3.relay.test [127.0.0.1]:2599"));
        Duration routeEdit = since(start);
        Duration[] removal = new Duration[1];
        start = System.nanoTime();
        long removed = editWhileRefreshing(reader, () -> {
            long begun = System.nanoTime();
            long written = editor.edit(REMOVE, document -> fromItsLine(editor, document, "added@d1.relay.test"));
            removal[0] = since(begun);
            return written;
        });
        Duration removalVisible = since(start);
        String middle = "user" + RECIPIENTS / 2 + "@d" + (RECIPIENTS / 2) % 100 + ".relay.test";
        start = System.nanoTime();
        editor.edit(REMOVE, document -> fromItsLine(editor, document, middle));
        Duration middleRemoval = since(start);
        start = System.nanoTime();
        reader.refreshPolicy();
        Duration middleApply = since(start);
        String other = "user" + (RECIPIENTS / 2 + 1) + "@d" + (RECIPIENTS / 2 + 1) % 100 + ".relay.test";
        start = System.nanoTime();
        long removedByAPass = editor.edit(REMOVE, document -> document.removeIf(entry -> entry.is("relay-recipient", other)));
        Duration passRemoval = since(start);
        reader.refreshPolicy();
        System.out.printf(Locale.ROOT, "%,d recipients on Cassandra: startup (whole read and parse) %d ms, idle refresh %.2f ms,"
                + " edit through PolicyEditor (the domain's line from the snapshot in force, as WebAdmin adds a recipient) %d ms,"
                + " visible on the other node (refreshing every %d s) %d ms after the edit began, the refresh that applies a change %d ms,"
                + " an edit planned on the text (document.add: a pass over it) %d ms, a route added from the entries in force %d ms,"
                + " a recipient removed from its line in the snapshot in force (as WebAdmin removes one) %d ms, visible on the other node %d ms"
                + " after it began, one in the middle of the recipients %d ms and the other node's refresh that applies it %d ms,"
                + " a recipient removed by a pass over the text %d ms%n",
            RECIPIENTS, startup.toMillis(), idleRefresh.toNanos() / 1e6, edit[0].toMillis(), REFRESH.toSeconds(), visible.toMillis(), apply.toMillis(),
            textEdit.toMillis(), routeEdit.toMillis(), removal[0].toMillis(), removalVisible.toMillis(), middleRemoval.toMillis(),
            middleApply.toMillis(), passRemoval.toMillis());

        assertThat(visible).isLessThan(BOUND);
        assertThat(editedAgain).isGreaterThan(edited).isLessThan(removed);
        assertThat(reader.policyVersion()).isEqualTo(removedByAPass);
        assertThat(accepts(reader, "added@d1.relay.test")).isFalse();
        assertThat(accepts(reader, middle)).isFalse();
        assertThat(accepts(reader, other)).isFalse();
        assertThat(accepts(reader, "again@d2.relay.test")).isTrue();
        assertThat(reader.policy()).isEqualTo(writer.policy());
        assertThat(counting.textReads()).isEqualTo(0);
    }

    /** Runs {@code edit} while the reader refreshes every {@link #REFRESH}, until the reader has the version written. */
    private static long editWhileRefreshing(RelayPolicyService reader, Callable<Long> edit) throws Exception {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        refresher.scheduleAtFixedRate(reader::refreshPolicy, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        try {
            long written = edit.call();
            long start = System.nanoTime();
            while (reader.policyVersion() != written && since(start).compareTo(BOUND) < 0) {
                Thread.sleep(5);
            }
            assertThat(reader.policyVersion()).isEqualTo(written);
            return written;
        } finally {
            refresher.shutdownNow();
            assertThat(refresher.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A recipient removed as WebAdmin removes one: its line found in the snapshot in force. */
    private static PolicyDocument fromItsLine(PolicyEditor editor, PolicyDocument document, String recipient) {
        EnvelopeAddress address = parsed(recipient);
        int line = editor.snapshotOf(document).orElseThrow().relayRecipientLine(address).orElseThrow();
        return document.removeLine(line, "relay-recipient " + address.key());
    }

    /** A recipient added as WebAdmin adds one: right after its domain's line, found in the snapshot in force. */
    private static PolicyDocument afterItsDomain(PolicyEditor editor, PolicyDocument document, String domain, String line) {
        PolicySnapshot inForce = editor.snapshotOf(document).orElseThrow();
        return document.addAfterLine(inForce.relayDomainLine(domain).orElseThrow(), line);
    }

    /** As {@code LargePolicies} writes it: 100 relay domains and {@code recipients} relay recipients over them. */
    private static String policyWith(int recipients) {
        StringBuilder text = new StringBuilder(recipients * 45 + 4096);
        text.append("trusted-network 127.0.0.1/32\n");
        for (int domain = 0; domain < 100; domain++) {
            text.append("relay-domain d").append(domain).append(".relay.test\n");
        }
        for (int i = 0; i < recipients; i++) {
            text.append("relay-recipient user").append(i).append("@d").append(i % 100).append(".relay.test\n");
        }
        return text.toString();
    }

    private static boolean accepts(RelayPolicyService service, String recipient) {
        EnvelopeAddress address = parsed(recipient);
        return service.policy().relayDomain(address.domain()).orElseThrow().accepts(address);
    }

    private static EnvelopeAddress parsed(String address) {
        try {
            return EnvelopeAddress.parse(address);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PolicyEditor editor(RelayPolicyService service) {
        return new PolicyEditor(service, new OwnListeners(() -> Optional.of(List.of())));
    }

    private static RelayPolicyService service(PolicyStore store) {
        return new RelayPolicyService(new PolicySource(store, "test policy", true, REFRESH), () -> LocalDirectory.builder().build());
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
