package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.Verdict;
import org.junit.jupiter.api.Test;

class AliasResolvingDeciderTest {
    private static final LocalDirectory DIRECTORY = LocalDirectory.builder().localDomain("local.test").build();
    private static final ClientContext ALICE = ClientContext.from(InetAddress.getLoopbackAddress()).login("alice@local.test").build();
    private static final ClientContext ANONYMOUS = ClientContext.from(InetAddress.getLoopbackAddress()).build();

    /** James's aliases as the test sets them, counting the lookups; unreachable when told so. */
    private static final class ScriptedAliases implements AliasSource {
        private final Map<String, Set<String>> loginsByAddress = new ConcurrentHashMap<>();
        private final AtomicInteger lookups = new AtomicInteger();
        private volatile boolean reachable = true;

        @Override
        public Set<String> loginsReceiving(EnvelopeAddress address) {
            lookups.incrementAndGet();
            if (!reachable) {
                throw new IllegalStateException("RecipientRewriteTable unreachable");
            }
            return loginsByAddress.getOrDefault(address.key(), Set.of());
        }
    }

    private final ScriptedAliases aliases = new ScriptedAliases();

    private RelayDecider decider(String... policyLines) throws Exception {
        RelayPolicy policy = PolicyFileParser.parse("test", String.join("\n", policyLines) + "\n");
        return new AliasResolvingDecider(policy, DIRECTORY, aliases);
    }

    @Test
    void loginShouldSendAsAnAliasThatReachesIt() throws Exception {
        aliases.loginsByAddress.put("postmaster@local.test", Set.of("alice@local.test"));

        assertThat(decider("relay-domain relay.test").decideSender(ALICE, "<PostMaster@local.test>").verdict())
            .isEqualTo(Verdict.SENDER_ACCEPTED);
    }

    @Test
    void loginShouldNotSendAsAnAliasOfAnother() throws Exception {
        aliases.loginsByAddress.put("postmaster@local.test", Set.of("bob@local.test"));

        assertThat(decider("relay-domain relay.test").decideSender(ALICE, "<postmaster@local.test>").verdict())
            .isEqualTo(Verdict.DENY);
    }

    @Test
    void eachRecipientShouldCheckTheSenderAlias() throws Exception {
        aliases.loginsByAddress.put("postmaster@local.test", Set.of("alice@local.test"));

        assertThat(decider("relay-domain relay.test").decideRecipient(ALICE, "<postmaster@local.test>", "<bob@local.test>").verdict())
            .isEqualTo(Verdict.LOCAL);
    }

    @Test
    void everyHeaderFromAddressShouldBeLookedUp() throws Exception {
        aliases.loginsByAddress.put("sales@local.test", Set.of("alice@local.test"));
        RelayDecider decider = decider("relay-domain relay.test", "header-from-must-be-owned yes");

        assertThat(decider.decideHeaderFrom(ALICE, List.of("sales@local.test", "alice@local.test")).verdict())
            .isEqualTo(Verdict.SENDER_ACCEPTED);
        assertThat(decider.decideHeaderFrom(ALICE, List.of("sales@local.test", "ceo@local.test")).verdict())
            .isEqualTo(Verdict.DENY);
    }

    @Test
    void unreadableAliasesShouldFailTemporarilyNeverAccept() throws Exception {
        aliases.loginsByAddress.put("postmaster@local.test", Set.of("alice@local.test"));
        aliases.reachable = false;
        RelayDecider decider = decider("relay-domain relay.test", "header-from-must-be-owned yes");

        assertThat(decider.decideSender(ALICE, "<postmaster@local.test>").verdict()).isEqualTo(Verdict.TEMPFAIL);
        assertThat(decider.decideRecipient(ALICE, "<postmaster@local.test>", "<x@outside.example>").verdict()).isEqualTo(Verdict.TEMPFAIL);
        assertThat(decider.decideHeaderFrom(ALICE, List.of("postmaster@local.test")).verdict()).isEqualTo(Verdict.TEMPFAIL);
    }

    @Test
    void clientsWithoutLoginAndLoginsSendingAsThemselvesShouldNeedNoLookup() throws Exception {
        aliases.reachable = false;
        RelayDecider decider = decider("relay-domain relay.test");

        assertThat(decider.decideRecipient(ANONYMOUS, "<someone@outside.example>", "<bob@local.test>").verdict()).isEqualTo(Verdict.LOCAL);
        assertThat(decider.decideSender(ALICE, "<Alice@local.test>").verdict()).isEqualTo(Verdict.SENDER_ACCEPTED);
        assertThat(decider.decideSender(ALICE, "<>").verdict()).isEqualTo(Verdict.SENDER_ACCEPTED);
        assertThat(aliases.lookups).hasValue(0);
    }

    @Test
    void policyGrantShouldStillApplyBesideAliases() throws Exception {
        RelayDecider decider = decider("relay-domain relay.test", "sender-login alice@local.test owns=@partner.example");

        assertThat(decider.decideSender(ALICE, "<anyone@partner.example>").verdict()).isEqualTo(Verdict.SENDER_ACCEPTED);
    }
}
