package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.junit.jupiter.api.Test;

class EnqueueFailureTest {
    /** Stands for ActiveMQ's javax.jms.ResourceAllocationException (broker store full), which is no IOException. */
    private static final class ResourceAllocationException extends Exception {
        private ResourceAllocationException() {
            super("Usage Manager Store is Full");
        }
    }

    @Test
    void mimeHeadersThatDoNotParseMakeAnUnreadableMail() {
        MailQueueException failure = new MailQueueException("Unable to enqueue mail m1", new MessagingException("copy failed",
            new AddressException("Illegal address in header")));

        assertThat(EnqueueFailure.isUnreadableMail(failure)).isTrue();
    }

    @Test
    void aFullDiskIsTheQueuesFailureNotTheMails() {
        MailQueueException failure = new MailQueueException("Unable to enqueue mail m1",
            new RuntimeException(new IOException("No space left on device")));

        assertThat(EnqueueFailure.isUnreadableMail(failure)).isFalse();
    }

    @Test
    void aFullBrokerStoreIsTheQueuesFailureNotTheMails() {
        MailQueueException failure = new MailQueueException("Unable to enqueue mail m1", new ResourceAllocationException());

        assertThat(EnqueueFailure.isUnreadableMail(failure)).isFalse();
    }

    @Test
    void aQueueFailureWrappedInAnotherIsNotAnUnreadableMail() {
        MailQueueException failure = new MailQueueException("outer", new MailQueueException("Unable to dequeue", new IOException("closed")));

        assertThat(EnqueueFailure.isUnreadableMail(failure)).isFalse();
    }
}
