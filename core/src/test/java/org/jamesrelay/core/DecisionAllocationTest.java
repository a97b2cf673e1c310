package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The accepted decisions of the realistic mix (and a refusal whose reply is a constant) allocate nothing: the
 * addresses, written in canonical form, are decided on their text, and a logged-in client's MAIL FROM gets the
 * decision made for its login the first time. Measured with the JVM's count of the bytes this thread allocates:
 * deterministic, since nothing is left for the JIT to remove (the count would only go down once the decider is
 * compiled). Not covered: refusals (their reply names the address), addresses not in canonical form (their lookup
 * key is built: only that string when the address is merely in mixed case, see {@link #MIXED_CASE}).
 */
class DecisionAllocationTest {
    private static final int ROUNDS = 5_000;

    private static final LocalDirectory DIRECTORY = LocalDirectory.builder()
        .localDomain("local.test")
        .alias("postmaster@local.test", "alice@local.test")
        .domainAlias("alias.test", "local.test")
        .build();

    private static final PolicyDecider DECIDER = new PolicyDecider(RelayPolicy.builder()
        .trustedNetwork(TrustedNetwork.anySender(Cidr.parse("10.0.0.0/8")))
        .trustedNetwork(TrustedNetwork.anySender(Cidr.parse("2001:db8::/32")))
        .trustedNetwork(new TrustedNetwork(Cidr.parse("192.0.2.0/24"),
            List.of(AddressPattern.parse("printer@local.test"), AddressPattern.parse("@apps.local.test")), false))
        .authenticatedRelay(new AuthenticatedRelay(AuthenticatedRelay.Mode.TLS_ONLY, false))
        .relayDomain(new RelayDomain("relay.test", Optional.of(Set.of("info@relay.test", "sales@relay.test"))))
        .relayDomain(new RelayDomain("backup.test", Optional.empty()))
        .senderLogin(new SenderLogin("alice@local.test", List.of(AddressPattern.parse("@sales.local.test")), false))
        .localSendersRequireLogin(true)
        .build(), DIRECTORY);

    private static final ClientContext OUTSIDER = client("203.0.113.5").build();
    private static final ClientContext OUTSIDER_OFFERED_AUTH = client("203.0.113.6").authOffered(true).build();
    private static final ClientContext TRUSTED = client("10.1.2.3").build();
    private static final ClientContext TRUSTED_IPV6 = client("2001:db8::25").build();
    private static final ClientContext PRINTER = client("192.0.2.10").build();
    private static final ClientContext ALICE = client("198.51.100.7").login("alice@local.test").tls(true).authOffered(true).build();

    /** One decision of each accepted path of the mix, with the verdict it must get. */
    private static final List<Case> CASES = List.of(
        new Case(Verdict.SENDER_ACCEPTED, decider -> decider.decideSender(OUTSIDER, "john.doe@gmail-1.example")),
        new Case(Verdict.SENDER_ACCEPTED, decider -> decider.decideSender(TRUSTED, "bob@local.test")),
        new Case(Verdict.SENDER_ACCEPTED, decider -> decider.decideSender(ALICE, "alice@local.test")),
        new Case(Verdict.SENDER_ACCEPTED, decider -> decider.decideSender(ALICE, "orders@sales.local.test")),
        new Case(Verdict.RELAY, decider -> decider.decideRecipient(TRUSTED, "bob@local.test", "jane@outlook-2.example")),
        new Case(Verdict.RELAY, decider -> decider.decideRecipient(TRUSTED_IPV6, "jane@partner-3.example", "info@supplier-4.example")),
        new Case(Verdict.RELAY, decider -> decider.decideRecipient(PRINTER, "printer@local.test", "jane@outlook-2.example")),
        new Case(Verdict.RELAY, decider -> decider.decideRecipient(PRINTER, "scanner@apps.local.test", "jane@outlook-2.example")),
        new Case(Verdict.RELAY_DOMAIN, decider -> decider.decideRecipient(OUTSIDER, "john.doe@gmail-1.example", "info@relay.test")),
        new Case(Verdict.RELAY_DOMAIN, decider -> decider.decideRecipient(OUTSIDER, "john.doe@gmail-1.example", "anyone@backup.test")),
        new Case(Verdict.LOCAL, decider -> decider.decideRecipient(OUTSIDER, "john.doe@gmail-1.example", "bob@local.test")),
        new Case(Verdict.LOCAL, decider -> decider.decideRecipient(OUTSIDER, "", "bob@local.test")),
        new Case(Verdict.RELAY, decider -> decider.decideRecipient(ALICE, "alice@local.test", "jane@outlook-2.example")),
        new Case(Verdict.RELAY, decider -> decider.decideRecipient(ALICE, "postmaster@local.test", "jane@outlook-2.example")),
        new Case(Verdict.RELAY, decider -> decider.decideRecipient(ALICE, "alice@alias.test", "jane@outlook-2.example")),
        new Case(Verdict.RELAY, decider -> decider.decideRecipient(ALICE, "orders@sales.local.test", "jane@outlook-2.example")),
        new Case(Verdict.DENY, decider -> decider.decideRecipient(OUTSIDER_OFFERED_AUTH, "john.doe@gmail-1.example", "jane@outlook-2.example")));

    /**
     * A relay-domain recipient written in mixed case: its lookup key is its text in lower case, one string (56 bytes
     * for this one with compressed references), and nothing else is allocated.
     */
    private static final List<Case> MIXED_CASE = List.of(
        new Case(Verdict.RELAY_DOMAIN, decider -> decider.decideRecipient(OUTSIDER, "john.doe@gmail-1.example", "Info@Relay.Test")));

    @Test
    void acceptedDecisionsShouldAllocateNothing() {
        assertThat(bytesPerDecision(CASES)).isLessThan(1.0);
    }

    @Test
    void mixedCaseRecipientShouldAllocateItsLowerCaseKeyOnly() {
        assertThat(bytesPerDecision(MIXED_CASE)).isLessThanOrEqualTo(64.0);
    }

    private static double bytesPerDecision(List<Case> cases) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long thread = Thread.currentThread().getId();
        decideAll(cases, ROUNDS); // loads and initialises the classes, and makes the decisions worked out on first use

        long before = threads.getThreadAllocatedBytes(thread);
        long decided = decideAll(cases, ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        return (double) allocated / decided;
    }

    private static long decideAll(List<Case> cases, int rounds) {
        long decided = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < cases.size(); i++) { // indexed: an iterator would be allocated here
                Case decision = cases.get(i);
                Verdict verdict = decision.decide.apply(DECIDER).verdict();
                if (verdict != decision.expected) {
                    throw new AssertionError("case " + i + ": expected " + decision.expected + ", got " + verdict);
                }
                decided++;
            }
        }
        return decided;
    }

    private static ClientContext.Builder client(String ip) {
        return ClientContext.from(IpAddresses.parse(ip));
    }

    private static final class Case {
        final Verdict expected;
        final Function<PolicyDecider, Decision> decide;

        Case(Verdict expected, Function<PolicyDecider, Decision> decide) {
            this.expected = expected;
            this.decide = decide;
        }
    }
}
