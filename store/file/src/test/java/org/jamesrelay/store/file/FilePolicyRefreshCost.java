package org.jamesrelay.store.file;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jamesrelay.store.LargePolicies;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.StoredPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what a refresh of an unchanged policy file of 1,000,000 relay recipients costs: the version probe that
 * the refresh makes now, against the whole read and hash it made before. Prints figures and checks nothing: run it
 * by hand with {@code -Dfile.refresh.cost=true -Dtest=FilePolicyRefreshCost}.
 */
@EnabledIfSystemProperty(named = "file.refresh.cost", matches = "true")
class FilePolicyRefreshCost {
    private static final int RECIPIENTS = 1_000_000;
    private static final PolicyChange IMPORT = new PolicyChange("cost", "import", "", "");

    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path folder;

    @Test
    void probeAgainstWholeRead() throws Exception {
        FilePolicyStore store = new FilePolicyStore(folder.resolve("relay-policy.conf"), folder.resolve("audit.log"), Clock.systemUTC());
        String text = LargePolicies.withRecipients(RECIPIENTS);
        long start = System.nanoTime();
        store.write(text, StoredPolicy.NO_VERSION, IMPORT);
        System.out.printf(Locale.ROOT, "write of %,d characters: %.0f ms%n", text.length(), (System.nanoTime() - start) / 1e6);
        Thread.sleep(FileStamp.GRANULARITY.toMillis() + 500);

        report("whole read and hash (before)", store::read, 20);
        report("version probe (now)", store::version, 2_000);
    }

    private void report(String what, Callable<?> task, int times) throws Exception {
        for (int i = 0; i < times / 4; i++) {
            task.call();
        }
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long allocatedStart = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < times; i++) {
            task.call();
        }
        double wallMillis = (System.nanoTime() - wallStart) / 1e6 / times;
        double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / times;
        long allocated = (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedStart) / times;
        System.out.printf(Locale.ROOT, "%s, %,d recipients: %.4f ms wall, %.4f ms CPU, %,d bytes allocated; "
            + "once a second that is %.3f %% of one core (garbage collection not counted)%n",
            what, RECIPIENTS, wallMillis, cpuMillis, allocated, cpuMillis / 10);
    }
}
