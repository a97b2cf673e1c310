package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.james.UserEntityValidator;
import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.rrt.memory.MemoryRecipientRewriteTable;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.LocalDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JamesDirectoryReaderTest {
    private MemoryDomainList domainList;
    private MemoryRecipientRewriteTable recipientRewriteTable;
    private JamesDirectoryReader reader;

    @BeforeEach
    void setUp() throws Exception {
        domainList = new MemoryDomainList(new InMemoryDNSService());
        domainList.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        recipientRewriteTable = new MemoryRecipientRewriteTable();
        recipientRewriteTable.setUsersRepository(MemoryUsersRepository.withVirtualHosting(domainList));
        recipientRewriteTable.setDomainList(domainList);
        recipientRewriteTable.setUserEntityValidator(UserEntityValidator.NOOP);
        recipientRewriteTable.setConfiguration(RecipientRewriteTableConfiguration.DEFAULT_ENABLED);
        reader = new JamesDirectoryReader(domainList, recipientRewriteTable);
    }

    @Test
    void domainsOfTheDomainListShouldBeLocal() throws Exception {
        domainList.addDomain(Domain.of("Local.Test"));

        LocalDirectory directory = reader.read();

        assertThat(directory.isLocalDomain("local.test")).isTrue();
        assertThat(directory.isLocalDomain("outside.example")).isFalse();
    }

    @Test
    void aliasSourceShouldBeReceivedByItsTarget() throws Exception {
        domainList.addDomain(Domain.of("local.test"));
        recipientRewriteTable.addAliasMapping(MappingSource.fromUser("postmaster", "local.test"), "alice@local.test");

        assertThat(reader.loginsReceiving(EnvelopeAddress.parse("postmaster@local.test"))).containsExactly("alice@local.test");
        assertThat(reader.loginsReceiving(EnvelopeAddress.parse("bob@local.test"))).isEmpty();
    }

    @Test
    void addressForwardAndGroupSourcesShouldBeReceivedByTheirTargets() throws Exception {
        domainList.addDomain(Domain.of("local.test"));
        recipientRewriteTable.addAddressMapping(MappingSource.fromUser("sales", "local.test"), "bob@local.test");
        recipientRewriteTable.addForwardMapping(MappingSource.fromUser("info", "local.test"), "carol@local.test");
        recipientRewriteTable.addGroupMapping(MappingSource.fromUser("team", "local.test"), "dave@local.test");
        recipientRewriteTable.addGroupMapping(MappingSource.fromUser("team", "local.test"), "erin@local.test");

        assertThat(reader.loginsReceiving(EnvelopeAddress.parse("sales@local.test"))).containsExactly("bob@local.test");
        assertThat(reader.loginsReceiving(EnvelopeAddress.parse("info@local.test"))).containsExactly("carol@local.test");
        assertThat(reader.loginsReceiving(EnvelopeAddress.parse("team@local.test")))
            .containsExactlyInAnyOrder("dave@local.test", "erin@local.test");
    }

    @Test
    void aliasShouldBeFoundWhateverTheCaseOfTheAddress() throws Exception {
        domainList.addDomain(Domain.of("local.test"));
        recipientRewriteTable.addAliasMapping(MappingSource.fromUser("postmaster", "local.test"), "Alice@Local.Test");

        assertThat(reader.loginsReceiving(EnvelopeAddress.parse("PostMaster@Local.TEST"))).containsExactly("alice@local.test");
    }

    @Test
    void addressAtADomainLiteralShouldHaveNoAlias() throws Exception {
        assertThat(reader.loginsReceiving(EnvelopeAddress.parse("postmaster@[192.0.2.1]"))).isEmpty();
    }

    @Test
    void neitherTheMirrorNorALookupShouldReadTheWholeTable() throws Exception {
        domainList.addDomain(Domain.of("local.test"));
        domainList.addDomain(Domain.of("alias.test"));
        MemoryRecipientRewriteTable unlistable = new MemoryRecipientRewriteTable() {
            @Override
            public Map<MappingSource, Mappings> getAllMappings() {
                throw new AssertionError("the whole RecipientRewriteTable was read");
            }
        };
        unlistable.addMapping(MappingSource.fromUser("postmaster", "local.test"), Mapping.alias("alice@local.test"));
        unlistable.addMapping(MappingSource.fromDomain(Domain.of("alias.test")), Mapping.domainAlias(Domain.of("local.test")));
        JamesDirectoryReader reader = new JamesDirectoryReader(domainList, unlistable);

        assertThat(reader.read().owns("alice@local.test", EnvelopeAddress.parse("alice@alias.test"))).isTrue();
        assertThat(reader.loginsReceiving(EnvelopeAddress.parse("postmaster@local.test"))).containsExactly("alice@local.test");
    }

    @Test
    void userShouldOwnItsNameInAliasDomains() throws Exception {
        domainList.addDomain(Domain.of("local.test"));
        domainList.addDomain(Domain.of("alias.test"));
        recipientRewriteTable.addDomainAliasMapping(MappingSource.fromDomain(Domain.of("alias.test")), Domain.of("local.test"));

        LocalDirectory directory = reader.read();

        assertThat(directory.owns("alice@local.test", EnvelopeAddress.parse("alice@alias.test"))).isTrue();
        assertThat(directory.owns("alice@local.test", EnvelopeAddress.parse("bob@alias.test"))).isFalse();
    }
}
