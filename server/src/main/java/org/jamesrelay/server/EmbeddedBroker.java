package org.jamesrelay.server;

import java.io.File;
import java.io.FileNotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.jmx.ManagementContext;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.plugin.StatisticsBrokerPlugin;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ActiveMQ broker that holds James's mail queues on this node's disk, reachable from this JVM only.
 * <p>
 * A message is on disk before its send returns: KahaDB syncs its journal on every write, the store completes before
 * a message is dispatched, and the queue sends mail bodies inside the message (the journal), not as blob files that
 * are never synced. A full disk makes the send fail as a full store ({@link FullStoreSendFilter}) instead of blocking
 * the SMTP thread, and the broker keeps running ({@link FullDiskIOExceptionHandler}), so that it accepts mail again by
 * itself when space returns. A dequeue whose commit fails there gives its message back to the queue, to be processed
 * again, even when its rollback cannot be written either ({@link FailedCommitRollbackFilter}).
 */
public final class EmbeddedBroker {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedBroker.class);
    static final String STORE_LOCATION = "file://var/store/activemq";
    private static final String BROKER_NAME = "james-relay";
    private static final String ALWAYS_SYNC = "always";

    private final BrokerService broker;
    private final ActiveMQConnectionFactory connectionFactory;

    @Inject
    EmbeddedBroker(FileSystem fileSystem) throws Exception {
        this(storeDirectory(fileSystem));
    }

    EmbeddedBroker(File storeDirectory) throws Exception {
        this(storeDirectory, List.of());
    }

    /** A broker whose own plugins come after the given ones, which see every command first. */
    EmbeddedBroker(File storeDirectory, List<BrokerPlugin> outerPlugins) throws Exception {
        broker = broker(storeDirectory, outerPlugins);
        broker.start();
        broker.waitUntilStarted();
        connectionFactory = newConnectionFactory();
        LOGGER.info("Mail queues persisted in {} (KahaDB, journal synced on every write, no network listener)", storeDirectory);
    }

    private static File storeDirectory(FileSystem fileSystem) throws FileNotFoundException {
        return fileSystem.getFile(STORE_LOCATION);
    }

    private static BrokerService broker(File storeDirectory, List<BrokerPlugin> outerPlugins) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(BROKER_NAME);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(storeDirectory);
        KahaDBPersistenceAdapter kahaDB = kahaDB(new File(storeDirectory, "kahadb"));
        broker.setPersistenceAdapter(kahaDB);
        broker.setUseJmx(false);
        ManagementContext managementContext = new ManagementContext();
        managementContext.setCreateConnector(false);
        broker.setManagementContext(managementContext);
        broker.setUseShutdownHook(false);
        broker.setSchedulerSupport(false);
        broker.setAdvisorySupport(false);
        broker.setDestinationPolicy(queuesDispatchingInTheCallersThread());
        FullStore fullStore = new FullStore(storeDirectory, kahaDB.getJournalMaxWriteBatchSize());
        // The queue's getSize() asks the statistics plugin, and otherwise waits 2 s for it before browsing the whole queue.
        // Each plugin wraps those before it: the last one sees a command first.
        List<BrokerPlugin> plugins = new ArrayList<>(List.<BrokerPlugin>of(new StatisticsBrokerPlugin(),
            next -> new FullStoreSendFilter(next, fullStore), FailedCommitRollbackFilter::new));
        plugins.addAll(outerPlugins);
        broker.setPlugins(plugins.toArray(BrokerPlugin[]::new));
        broker.getSystemUsage().setSendFailIfNoSpace(true);
        broker.setIoExceptionHandler(new FullDiskIOExceptionHandler(fullStore));
        return broker;
    }

    /**
     * A queue hands a mail to a waiting consumer in the thread that sent or asked for it, not in a task thread of its
     * own: one thread switch less per send and per receive (docs/performance.md, "Dispatch in the caller's thread").
     */
    private static PolicyMap queuesDispatchingInTheCallersThread() {
        PolicyEntry queues = new PolicyEntry();
        queues.setQueue(">");
        queues.setOptimizedDispatch(true);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(queues);
        return policies;
    }

    private static KahaDBPersistenceAdapter kahaDB(File directory) {
        KahaDBPersistenceAdapter kahaDB = new KahaDBPersistenceAdapter();
        kahaDB.setDirectory(directory);
        kahaDB.setJournalDiskSyncStrategy(ALWAYS_SYNC);
        // Otherwise a message consumed before its store completes is never written, and its sender may already
        // have been told 250.
        kahaDB.setConcurrentStoreAndDispatchQueues(false);
        return kahaDB;
    }

    private static ActiveMQConnectionFactory newConnectionFactory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://" + BROKER_NAME + "?create=false");
        factory.setTrustAllPackages(false);
        factory.setAlwaysSyncSend(true);
        ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
        prefetch.setQueuePrefetch(0);
        prefetch.setTopicPrefetch(0);
        factory.setPrefetchPolicy(prefetch);
        // A rolled-back delivery is offered again, forever: never moved to ActiveMQ.DLQ, which nothing reads.
        RedeliveryPolicy redelivery = new RedeliveryPolicy();
        redelivery.setMaximumRedeliveries(RedeliveryPolicy.NO_MAXIMUM_REDELIVERIES);
        factory.setRedeliveryPolicy(redelivery);
        return factory;
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** The broker's transport connectors: none, it is reached in this JVM only ({@code vm://}). */
    List<URI> networkListeners() throws Exception {
        List<URI> uris = new ArrayList<>();
        for (TransportConnector connector : broker.getTransportConnectors()) {
            uris.add(connector.getConnectUri());
        }
        return uris;
    }

    @PreDestroy
    public void stop() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
        LOGGER.info("Mail queue broker stopped");
    }
}
