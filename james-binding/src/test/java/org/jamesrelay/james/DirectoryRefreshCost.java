package org.jamesrelay.james;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.james.UserEntityValidator;
import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.memory.MemoryRecipientRewriteTable;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.jamesrelay.core.EnvelopeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures what the directory mirror costs on James's memory RecipientRewriteTable holding 100,000 alias mappings
 * over 10 domains: one refresh (wall and CPU time), and so the CPU a refresh every second takes, and the lookup of one
 * address's aliases, as a logged-in client's MAIL FROM needs it, from the table and remembered. Prints figures and
 * checks nothing: run it by hand with {@code -Ddirectory.refresh.cost=true -Dtest=DirectoryRefreshCost}.
 */
@EnabledIfSystemProperty(named = "directory.refresh.cost", matches = "true")
class DirectoryRefreshCost {
    private static final int MAPPINGS = 100_000;
    private static final int DOMAINS = 10;
    private static final int LOGINS = 1_000;
    private static final int WARM_UP = 50;
    private static final int MEASURED = 200;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void refreshOfTheMirror() throws Exception {
        MemoryDomainList domainList = new MemoryDomainList(new InMemoryDNSService());
        domainList.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        MemoryRecipientRewriteTable recipientRewriteTable = new MemoryRecipientRewriteTable();
        recipientRewriteTable.setUsersRepository(MemoryUsersRepository.withVirtualHosting(domainList));
        recipientRewriteTable.setDomainList(domainList);
        recipientRewriteTable.setUserEntityValidator(UserEntityValidator.NOOP);
        recipientRewriteTable.setConfiguration(RecipientRewriteTableConfiguration.DEFAULT_ENABLED);
        for (int d = 0; d < DOMAINS; d++) {
            domainList.addDomain(Domain.of("local" + d + ".test"));
        }
        domainList.addDomain(Domain.of("alias.test"));
        recipientRewriteTable.addMapping(MappingSource.fromDomain(Domain.of("alias.test")), Mapping.domainAlias(Domain.of("local0.test")));
        for (int i = 0; i < MAPPINGS; i++) {
            String domain = "local" + (i % DOMAINS) + ".test";
            recipientRewriteTable.addMapping(MappingSource.fromUser("user" + i, domain), Mapping.alias("login" + (i % LOGINS) + "@" + domain));
        }
        JamesDirectoryReader reader = new JamesDirectoryReader(domainList, recipientRewriteTable);

        report("directory refresh", reader::read);
        EnvelopeAddress alias = EnvelopeAddress.parse("user4242@local2.test");
        report("alias lookup of one address", () -> reader.loginsReceiving(alias));
        AliasCache cache = new AliasCache(reader, DirectoryMirror.REMEMBERED_ADDRESSES);
        report("alias lookup of one address, remembered", () -> cache.loginsReceiving(alias));
    }

    private void report(String what, Callable<?> task) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            task.call();
        }
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            task.call();
        }
        double wallMillis = (System.nanoTime() - wallStart) / 1e6 / MEASURED;
        double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / MEASURED;
        System.out.printf(Locale.ROOT, "%s, %,d mappings: %.4f ms wall, %.4f ms CPU; once a second that is %.3f %% of one core%n",
            what, MAPPINGS, wallMillis, cpuMillis, cpuMillis / 10);
    }
}
