package org.jamesrelay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyDecider;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.junit.jupiter.api.Test;

/**
 * The generator and the request mix the benchmarks rely on: same seed, same corpus; the policy file says the same
 * as the entries; every request of the mix gets the verdict of its scenario. On the small size, to keep the build
 * fast; the benchmarks check their full-size mix the same way before measuring.
 */
class PolicyCorpusTest {
    private static final PolicyCorpus CORPUS = PolicyCorpus.generate(PolicyCorpus.Size.SMALL, PolicyCorpus.SEED);

    @Test
    void sameSeedSameCorpus() {
        assertThat(PolicyCorpus.generate(PolicyCorpus.Size.SMALL, PolicyCorpus.SEED).policyText()).isEqualTo(CORPUS.policyText());
    }

    @Test
    void hasTheRequestedSizes() {
        RelayPolicy policy = CORPUS.buildPolicy();
        assertThat(policy.trustedNetworks()).hasSize(2_000);
        assertThat(policy.relayDomains()).hasSize(50);
        assertThat(CORPUS.relayRecipientCount()).isEqualTo(2_000);
        assertThat(policy.senderLogins()).hasSize(50);
        assertThat(policy.trustedNetworks().stream().filter(network -> !network.cidr().isIpv4())).hasSize(200);
        assertThat(policy.trustedNetworks().stream().filter(network -> !network.senders().isEmpty()).count()).isBetween(150L, 250L);
        assertThat(CORPUS.buildDirectory().localDomains()).hasSize(20 + 5);
    }

    @Test
    void thePolicyFileSaysTheSameAsTheEntries() throws Exception {
        RelayPolicy built = CORPUS.buildPolicy();
        RelayPolicy parsed = PolicyFileParser.parse("generated", CORPUS.policyText());
        assertThat(parsed.trustedNetworks()).extracting(network -> network.cidr().asString() + network.senders() + network.servedSendersOnly())
            .containsExactlyElementsOf(built.trustedNetworks().stream()
                .map(network -> network.cidr().asString() + network.senders() + network.servedSendersOnly())::iterator);
        assertThat(parsed.relayDomains().keySet()).isEqualTo(built.relayDomains().keySet());
        built.relayDomains().forEach((name, domain) -> assertThat(parsed.relayDomains().get(name).recipients()).isEqualTo(domain.recipients()));
        assertThat(parsed.senderLogins().keySet()).isEqualTo(built.senderLogins().keySet());
        built.senderLogins().forEach((login, entry) -> {
            assertThat(parsed.senderLogins().get(login).owns()).isEqualTo(entry.owns());
            assertThat(parsed.senderLogins().get(login).servedSendersOnly()).isEqualTo(entry.servedSendersOnly());
        });
        assertThat(parsed.authenticatedRelay().mode()).isEqualTo(built.authenticatedRelay().mode());
        assertThat(parsed.localSendersRequireLogin()).isTrue();
    }

    @Test
    void everyScenarioGetsItsVerdict() {
        LocalDirectory directory = CORPUS.buildDirectory();
        RelayDecider decider = new PolicyDecider(CORPUS.buildPolicy(), directory);
        RequestMix mix = new RequestMix(CORPUS, 1);
        for (RequestMix.Scenario scenario : RequestMix.Scenario.values()) {
            assertThat(RequestMix.verify(decider, mix.of(scenario, 200))).containsEntry(scenario, 200);
        }
        Map<RequestMix.Scenario, Integer> counts = RequestMix.verify(decider, mix.mix(8192));
        assertThat(counts).hasSize(RequestMix.Scenario.values().length);
        assertThat(counts.get(RequestMix.Scenario.RELAY_DOMAIN_KNOWN)).isBetween(8192 * 10 / 100, 8192 * 18 / 100);
    }
}
