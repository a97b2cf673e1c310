package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.UserEntityValidator;
import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.lib.MappingSource;
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
    void aliasSourceShouldBeOwnedByItsTarget() throws Exception {
        domainList.addDomain(Domain.of("local.test"));
        recipientRewriteTable.addAliasMapping(MappingSource.fromUser("postmaster", "local.test"), "alice@local.test");

        LocalDirectory directory = reader.read();

        assertThat(directory.owns("alice@local.test", EnvelopeAddress.parse("postmaster@local.test"))).isTrue();
        assertThat(directory.owns("bob@local.test", EnvelopeAddress.parse("postmaster@local.test"))).isFalse();
    }

    @Test
    void addressMappingSourceShouldBeOwnedByItsTarget() throws Exception {
        domainList.addDomain(Domain.of("local.test"));
        recipientRewriteTable.addAddressMapping(MappingSource.fromUser("sales", "local.test"), "bob@local.test");

        assertThat(reader.read().owns("bob@local.test", EnvelopeAddress.parse("sales@local.test"))).isTrue();
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
