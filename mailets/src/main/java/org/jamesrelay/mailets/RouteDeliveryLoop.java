package org.jamesrelay.mailets;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.mail.MessagingException;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRetriesHelper;
import org.apache.james.transport.mailets.remote.delivery.ExecutionResult;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.james.MailAttributes;
import org.jamesrelay.james.OwnListeners;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Takes mail from the relay queue and delivers it, one attempt at a time. Each attempt routes the recipients with
 * the policy of that moment: a route changed while mail waits applies at its next attempt, and recipients whose
 * routes now differ are split into mails of their own. A failed attempt puts the mail back with a delay, so a
 * next hop that is down holds up only the mail routed to it.
 */
final class RouteDeliveryLoop {
    private static final Logger LOGGER = LoggerFactory.getLogger(RouteDeliveryLoop.class);
    static final AttributeName ROUTE_ERROR = AttributeName.of(MailAttributes.ROUTE_ERROR);
    /** How long mail waits in the queue when its transport is stalled: not a failed attempt. */
    static final Duration STALLED_TRANSPORT_DELAY = Duration.ofSeconds(10);
    /** How long mail waits when this server's SMTP listeners are not up yet (mail queued before a restart). */
    static final Duration STARTING_DELAY = Duration.ofSeconds(1);
    private static final Duration UNEXPECTED_FAILURE_DELAY = Duration.ofMinutes(1);
    /** How long mail waits when the queue could not store it after an attempt (a full disk): its attempt counted. */
    private static final Duration STORAGE_FAILURE_DELAY = Duration.ofSeconds(1);
    private static final long DRAIN_POLL_MILLIS = 50;

    private final MailQueue queue;
    private final Supplier<RouteTable> routes;
    private final TransportDeliverers deliverers;
    private final TransportSlots slots;
    private final ImmediateAttempts immediateAttempts;
    private final OwnListeners ownListeners;
    private final RetrySchedule retrySchedule;
    private final Bouncer bouncer;
    private final MailetContext mailetContext;
    private final RouteDeliveryProcessors processors;
    private final RelayMetrics metrics;
    private final int threads;
    private final Requeuer requeuer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private Disposable subscription;
    private Scheduler scheduler;
    private Scheduler dequeueScheduler;

    RouteDeliveryLoop(MailQueue queue, Supplier<RouteTable> routes, TransportDeliverers deliverers, TransportSlots slots,
                      ImmediateAttempts immediateAttempts, OwnListeners ownListeners, RetrySchedule retrySchedule, Bouncer bouncer, MailetContext mailetContext,
                      RouteDeliveryProcessors processors, RelayMetrics metrics, int threads) {
        this.queue = queue;
        this.routes = routes;
        this.deliverers = deliverers;
        this.slots = slots;
        this.immediateAttempts = immediateAttempts;
        this.ownListeners = ownListeners;
        this.retrySchedule = retrySchedule;
        this.bouncer = bouncer;
        this.mailetContext = mailetContext;
        this.processors = processors;
        this.metrics = metrics;
        this.threads = threads;
        this.requeuer = new Requeuer(queue, () -> stopping, Requeuer.STORAGE_RETRY_PAUSE);
    }

    void start() {
        scheduler = DeliveryThreads.newScheduler(threads, "relay-delivery");
        // A JMS queue blocks in receive() while it waits for mail: never on the thread that starts James.
        dequeueScheduler = Schedulers.newSingle("relay-dequeue");
        subscription = Flux.from(queue.deQueue())
            .subscribeOn(dequeueScheduler)
            .takeWhile(this::acceptedBeforeStop)
            .flatMap(item -> Mono.fromRunnable(() -> process(item)).subscribeOn(scheduler), threads)
            .onErrorContinue((error, item) -> LOGGER.error("Relay delivery failed unexpectedly", error))
            .subscribe();
    }

    /**
     * Stops taking mail, lets the deliveries under way end within {@code drainTimeout}, then interrupts the others:
     * their mail stays in the queue and is delivered again at the next start.
     */
    void stop(Duration drainTimeout) {
        if (subscription == null) {
            return;
        }
        stopping = true;
        awaitDeliveriesUnderWay(drainTimeout);
        subscription.dispose();
        dequeueScheduler.dispose();
        scheduler.dispose();
    }

    private void awaitDeliveriesUnderWay(Duration drainTimeout) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(DRAIN_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (inFlight.get() > 0) {
            LOGGER.warn("{} relay deliveries still running after {}: interrupted, their mail stays queued", inFlight.get(), drainTimeout);
        }
    }

    private boolean acceptedBeforeStop(MailQueue.MailQueueItem item) {
        if (!stopping) {
            inFlight.incrementAndGet();
            return true;
        }
        handBack(item);
        return false;
    }

    private void handBack(MailQueue.MailQueueItem item) {
        Requeuer.handBack(item, item.getMail());
    }

    private void process(MailQueue.MailQueueItem item) {
        Mail mail = item.getMail();
        try {
            attempt(mail);
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        } catch (MailQueue.MailQueueException e) {
            LOGGER.error("The relay queue could not store {} after its attempt; it stays queued", mail.getName(), e);
            requeuer.requeue(item, mail, STORAGE_FAILURE_DELAY);
        } catch (Exception e) {
            LOGGER.error("Relay delivery of {} failed unexpectedly; it stays queued", mail.getName(), e);
            requeuer.requeue(item, mail, UNEXPECTED_FAILURE_DELAY);
        } finally {
            LifecycleUtil.dispose(mail);
            inFlight.decrementAndGet();
        }
    }

    void attempt(Mail mail) throws MessagingException, InterruptedException {
        List<DeliveryGroup> groups = RecipientRouter.split(routes.get(), mail.getMaybeSender(), List.copyOf(mail.getRecipients()));
        if (groups.isEmpty()) {
            LOGGER.warn("Mail {} has no recipient left to deliver", mail.getName());
            return;
        }
        for (DeliveryGroup other : groups.subList(1, groups.size())) {
            enqueueApart(mail, other);
        }
        DeliveryGroup group = groups.get(0);
        mail.setRecipients(group.recipients());
        if (!ownListeners.known()) {
            LOGGER.debug("{} waits: this server's SMTP listeners are not up yet", mail.getName());
            queue.enQueue(mail, STARTING_DELAY);
            return;
        }
        Optional<NextHop> loopingHop = ownListeners.loopingHop(group.transport());
        if (loopingHop.isPresent()) {
            String problem = "mail for " + group.recipients() + " loops back to myself: next hop " + loopingHop.get()
                + " of " + String.join(", ", group.rules()) + " is this server";
            LOGGER.error("{}; {} kept in processor {}", problem, mail.getName(), processors.loops());
            mail.setAttribute(new Attribute(ROUTE_ERROR, AttributeValue.of(problem)));
            mailetContext.sendMail(mail, processors.loops());
            metrics.delivery(group.rules(), "looped");
            return;
        }
        if (!slots.acquire(group.transport())) {
            LOGGER.debug("{} waits: {} has {} deliveries running and none ended lately", mail.getName(),
                group.transport().hopsAsString(), slots.perTransport());
            queue.enQueue(mail, STALLED_TRANSPORT_DELAY);
            return;
        }
        try {
            handle(mail, group, deliver(mail, group));
        } finally {
            slots.release(group.transport());
        }
    }

    /**
     * Makes the first attempt of {@code mail} in the calling thread when {@link ImmediateAttempts} allows it, its
     * recipients share one route and a slot of that route's transport is free now: delivered, deferred to the queue,
     * bounced or kept as an attempt from the queue would. False when the mail was left as it is, for the queue.
     *
     * @throws UnwritableMail when the message cannot be written out: the queue would refuse it too
     */
    boolean attemptAtOnce(Mail mail) throws MessagingException {
        List<DeliveryGroup> groups = RecipientRouter.split(routes.get(), mail.getMaybeSender(), List.copyOf(mail.getRecipients()));
        if (groups.size() != 1 || !ownListeners.known()) {
            return false;
        }
        DeliveryGroup group = groups.get(0);
        if (ownListeners.loopingHop(group.transport()).isPresent() || !immediateAttempts.tryStart(group.transport())) {
            return false;
        }
        try {
            UnwritableMail.check(mail);
            if (!slots.tryAcquire(group.transport())) {
                return false;
            }
            try {
                mail.setRecipients(group.recipients());
                metrics.immediateAttempt();
                handle(mail, group, deliver(mail, group));
                return true;
            } finally {
                slots.release(group.transport());
            }
        } finally {
            immediateAttempts.end();
        }
    }

    private void enqueueApart(Mail mail, DeliveryGroup group) throws MessagingException {
        Mail copy = mail.duplicate();
        try {
            copy.setRecipients(group.recipients());
            queue.enQueue(copy);
        } finally {
            LifecycleUtil.dispose(copy);
        }
    }

    private ExecutionResult deliver(Mail mail, DeliveryGroup group) {
        TimeMetric timer = metrics.deliveryTimer();
        try {
            return deliverers.deliverer(group.transport()).deliver(mail);
        } catch (UpstreamCredentials.UnknownCredentialsException e) {
            // Never send without the login the route asks for: wait for the operator to add it.
            LOGGER.error("Route {} of {}: {}", group.rules(), mail.getName(), e.getMessage());
            return ExecutionResult.temporaryFailure(new MessagingException(e.getMessage()));
        } finally {
            timer.stopAndPublish();
        }
    }

    private void handle(Mail mail, DeliveryGroup group, ExecutionResult result) throws MessagingException {
        switch (result.getExecutionState()) {
            case SUCCESS:
                LOGGER.info("Relayed {} from {} to {} via {} ({})", mail.getName(), mail.getMaybeSender().asString(),
                    group.recipients(), group.transport().hopsAsString(), String.join(", ", group.rules()));
                metrics.delivery(group.rules(), "delivered");
                immediateAttempts.delivered(group.transport());
                break;
            case TEMPORARY_FAILURE:
                immediateAttempts.failed(group.transport());
                retryOrGiveUp(mail, group, result);
                break;
            case PERMANENT_FAILURE:
                giveUp(mail, group, result.getException().orElse(null));
                break;
        }
    }

    private void retryOrGiveUp(Mail mail, DeliveryGroup group, ExecutionResult result) throws MessagingException {
        if (!Mail.ERROR.equals(mail.getState())) {
            mail.setState(Mail.ERROR);
            DeliveryRetriesHelper.initRetries(mail);
        }
        int retries = DeliveryRetriesHelper.retrieveRetries(mail);
        Exception cause = result.getException().orElse(null);
        if (retrySchedule.isExhausted(retries)) {
            giveUp(mail, group, new MessagingException("Delivery failed after " + retries + " retries: "
                + Optional.ofNullable(cause).map(Exception::getMessage).orElse("no answer"), cause));
            return;
        }
        DeliveryRetriesHelper.incrementRetries(mail);
        mail.setLastUpdated(new Date());
        String problem = Optional.ofNullable(cause).map(Exception::getMessage).orElse("no answer");
        mail.setAttribute(new Attribute(ROUTE_ERROR, AttributeValue.of("via " + group.transport().hopsAsString() + ": " + problem)));
        LOGGER.info("Deferred {} to {} via {} ({}): retry {} of {} in {}: {}", mail.getName(), group.recipients(),
            group.transport().hopsAsString(), String.join(", ", group.rules()), retries + 1, retrySchedule.maxRetries(),
            retrySchedule.delayBefore(retries + 1), problem);
        queue.enQueue(mail, retrySchedule.delayBefore(retries + 1));
        metrics.delivery(group.rules(), "deferred");
    }

    private void giveUp(Mail mail, DeliveryGroup group, Exception cause) throws MessagingException {
        LOGGER.warn("Undeliverable {} from {} to {} via {} ({}): {}", mail.getName(), mail.getMaybeSender().asString(),
            group.recipients(), group.transport().hopsAsString(), String.join(", ", group.rules()),
            Optional.ofNullable(cause).map(Exception::getMessage).orElse("no answer"));
        metrics.delivery(group.rules(), "undeliverable");
        if (mail.hasSender()) {
            bouncer.bounce(mail, cause);
        } else {
            // Never bounce a bounce: keep it for the postmaster instead.
            mail.setAttribute(new Attribute(ROUTE_ERROR, AttributeValue.of(Optional.ofNullable(cause).map(Exception::getMessage).orElse("undeliverable"))));
            mailetContext.sendMail(mail, processors.undeliverable());
        }
    }
}
