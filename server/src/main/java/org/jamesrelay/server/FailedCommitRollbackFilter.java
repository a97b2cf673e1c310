package org.jamesrelay.server;

import java.io.IOException;

import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.command.TransactionId;
import org.apache.activemq.transaction.Synchronization;
import org.apache.activemq.transaction.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the messages of a transaction whose commit failed back to their queue even when the store could not record
 * the rollback either, as on a full disk.
 * <p>
 * A dequeue acknowledges its message in the transaction: the broker marks the message acknowledged once the store has
 * the acknowledgement, and only the transaction's end settles it: a commit drops the message, a rollback unmarks it.
 * When the commit's write fails, ActiveMQ rolls the transaction back, but that rollback first writes a rollback record;
 * when that write fails too, the rollback stops there: the message stays marked acknowledged, so the broker never
 * dispatches it again, although the store still holds it. It would come back at the next restart only, after its
 * mail had already been processed. This filter finishes such a rollback: it writes the rollback record if the store
 * can by now, and unmarks the messages in any case, so that the broker offers them again as soon as their consumer
 * closes (James's queue closes the dequeue's session when its commit fails). A transaction whose rollback record is
 * never written is dropped from the store's memory at the next restart, as any unfinished transaction is.
 */
final class FailedCommitRollbackFilter extends BrokerFilter {
    private static final Logger LOGGER = LoggerFactory.getLogger(FailedCommitRollbackFilter.class);

    FailedCommitRollbackFilter(Broker next) {
        super(next);
    }

    @Override
    public void commitTransaction(ConnectionContext context, TransactionId xid, boolean onePhase) throws Exception {
        Transaction transaction = xid.isLocalTransaction() ? context.getTransactions().get(xid) : null;
        if (transaction == null) {
            super.commitTransaction(context, xid, onePhase);
            return;
        }
        TransactionEnd end = new TransactionEnd();
        transaction.addSynchronization(end);
        try {
            super.commitTransaction(context, xid, onePhase);
        } catch (Exception failure) {
            if (!end.reached()) {
                finishRollback(transaction, failure);
            }
            throw failure;
        }
    }

    private static void finishRollback(Transaction transaction, Exception commitFailure) throws Exception {
        LOGGER.warn("Commit of {} failed and its rollback did not finish ({}): giving its messages back to their queues",
            transaction.getTransactionId(), commitFailure.getMessage());
        try {
            transaction.rollback();
        } catch (IOException stillUnwritable) {
            transaction.fireAfterRollback();
        }
    }

    /** Tells whether ActiveMQ settled the transaction's messages, one way or the other. */
    private static final class TransactionEnd extends Synchronization {
        private volatile boolean reached;

        @Override
        public void afterCommit() {
            reached = true;
        }

        @Override
        public void afterRollback() {
            reached = true;
        }

        boolean reached() {
            return reached;
        }
    }
}
