package org.jamesrelay.mailets;

import java.io.FileNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.james.MailAttributes;
import org.jamesrelay.james.OwnListeners;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.SmtpListeners;
import org.jamesrelay.james.metrics.RelayGauges;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Forwards each recipient through the route the relay policy gives it (Postfix {@code transport_maps},
 * {@code sender_dependent_relayhost_maps}, {@code smtp_tls_policy_maps}, {@code smtp_sasl_password_maps}), with
 * James's remote delivery library (its failover, partial sends, DSN parameters and bounces) over SMTP sessions
 * kept open between mails.
 * <p>
 * Mail whose route delivered its last attempt makes its first attempt at once, from the spool that holds it
 * ({@code immediateDeliveries} at a time, default 8; 0: never, see {@link ImmediateAttempts}); other mail, and mail
 * whose attempt fails for now, is stored in a James mail queue ({@code outgoing}, default {@code relay-outgoing})
 * where delivery threads take it. Parameters: those of James's {@code RemoteDelivery} for timeouts,
 * retries and bounces ({@code delayTime}, {@code maxRetries}, {@code connectiontimeout}, {@code timeout},
 * {@code heloName}, {@code bounceProcessor}, {@code sendpartial}, {@code mail.*}), and
 * {@code deliveryThreads} (default 32), {@code deliveriesPerTransport} (default half the threads),
 * {@code credentials} (default {@code file://conf/relay-credentials.properties}),
 * the SMTP connection cache ({@code connectionCache}, {@code connectionCacheSize}, {@code connectionCacheTimeLimit},
 * {@code connectionReuseTimeLimit}, {@code connectionReuseCountLimit}, see {@link ConnectionReuse}),
 * {@code pipelining} (default true: a transaction's commands in one round trip where the hop offers PIPELINING),
 * {@code loopProcessor} and {@code undeliverableProcessor} (required: where mail on a route that points back at this
 * server, and undeliverable mail from the null sender, are kept). The next hops, TLS and logins come from the
 * policy's routes, never from these parameters.
 */
public class RouteDelivery extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RouteDelivery.class);
    static final String DEFAULT_QUEUE = "relay-outgoing";
    static final String DEFAULT_CREDENTIALS = "file://conf/relay-credentials.properties";
    private static final int DEFAULT_THREADS = 32;
    private static final int DEFAULT_IMMEDIATE_DELIVERIES = 8;
    /** A transport whose deliveries are all running and none ended for this long is stalled. */
    private static final Duration STALL_AFTER = Duration.ofSeconds(2);
    /** How long a stop waits for the deliveries under way (bin/james-relay allows James 60 s to stop). */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STORAGE_FAILURE_PAUSE = Duration.ofSeconds(1);
    /** How often idle SMTP sessions are checked against the idle limit, at most. */
    private static final Duration SESSION_CHECK_PERIOD = Duration.ofSeconds(1);
    private static final AttributeName QUEUED_AT = AttributeName.of(MailAttributes.QUEUED_AT);

    private final RelayPolicyService policyService;
    private final MailQueueFactory<?> queueFactory;
    private final DNSService dnsService;
    private final DomainList domainList;
    private final FileSystem fileSystem;
    private final SmtpListeners smtpListeners;
    private final RelayMetrics metrics;
    private final RelayGauges gauges;
    private RouteDeliveryProcessors processors;
    private MailQueue queue;
    private RouteDeliveryLoop loop;
    private SessionCache<TrackedSmtpTransport> sessions;
    private Scheduler sessionReaper;

    @Inject
    public RouteDelivery(RelayPolicyService policyService, MailQueueFactory<?> queueFactory, DNSService dnsService,
                         DomainList domainList, FileSystem fileSystem, SmtpListeners smtpListeners, RelayMetrics metrics,
                         RelayGauges gauges) {
        this.policyService = policyService;
        this.queueFactory = queueFactory;
        this.dnsService = dnsService;
        this.domainList = domainList;
        this.fileSystem = fileSystem;
        this.smtpListeners = smtpListeners;
        this.metrics = metrics;
        this.gauges = gauges;
    }

    @Override
    public void init() throws MessagingException {
        for (String parameter : TransportMailetConfig.TRANSPORT_PARAMETERS) {
            if (getInitParameter(parameter) != null) {
                throw new MessagingException("RouteDelivery: remove <" + parameter + ">: next hops, TLS and logins are set by the routes of the relay policy");
            }
        }
        RemoteDeliveryConfiguration base = new RemoteDeliveryConfiguration(getMailetConfig(), domainList);
        processors = RouteDeliveryProcessors.of(getMailetConfig());
        MailQueueName queueName = MailQueueName.of(getInitParameter("outgoing", DEFAULT_QUEUE));
        queue = queueFactory.createQueue(queueName);
        gauges.watchQueue(queueName);
        Supplier<RouteTable> routes = () -> policyService.policy().routes();
        int threads = positive("deliveryThreads", DEFAULT_THREADS);
        TransportSlots slots = new TransportSlots(positive("deliveriesPerTransport", Math.max(1, threads / 2)), STALL_AFTER);
        startSessionCache(ConnectionReuse.of(getMailetConfig(), slots.perTransport()));
        TransportDeliverers deliverers = new TransportDeliverers(getMailetConfig(), dnsService, domainList, credentials(), routes, sessions,
            flag("pipelining", true));
        ImmediateAttempts immediateAttempts = new ImmediateAttempts(atLeastZero("immediateDeliveries", DEFAULT_IMMEDIATE_DELIVERIES));
        loop = new RouteDeliveryLoop(queue, routes, deliverers, slots, immediateAttempts, new OwnListeners(smtpListeners),
            new RetrySchedule(base.getDelayTimes(), base.getMaxRetries()), new Bouncer(base, getMailetContext()),
            getMailetContext(), processors, metrics, threads);
        loop.start();
    }

    private void startSessionCache(ConnectionReuse reuse) {
        sessions = new SessionCache<>(reuse, ReusingMailDelivrerToHost::close, System::nanoTime);
        long period = Math.max(100, Math.min(SESSION_CHECK_PERIOD.toMillis(), reuse.idleLimit().toMillis() / 2));
        sessionReaper = Schedulers.newSingle("relay-session-cache", true);
        sessionReaper.schedulePeriodically(sessions::closeExpired, period, period, TimeUnit.MILLISECONDS);
        LOGGER.info("James Relay SMTP connection cache: {}", reuse);
    }

    private int positive(String name, int defaultValue) throws MessagingException {
        return atLeast(1, name, defaultValue, "a positive number");
    }

    private int atLeastZero(String name, int defaultValue) throws MessagingException {
        return atLeast(0, name, defaultValue, "0 or more");
    }

    private int atLeast(int minimum, String name, int defaultValue, String expected) throws MessagingException {
        String value = getInitParameter(name, String.valueOf(defaultValue));
        try {
            int number = Integer.parseInt(value.trim());
            if (number < minimum) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new MessagingException("RouteDelivery: <" + name + "> must be " + expected + ", got '" + value + "'");
        }
    }

    private boolean flag(String name, boolean defaultValue) throws MessagingException {
        String value = getInitParameter(name, String.valueOf(defaultValue)).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new MessagingException("RouteDelivery: <" + name + "> must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private UpstreamCredentials credentials() throws MessagingException {
        String location = getInitParameter("credentials", DEFAULT_CREDENTIALS);
        try {
            return new UpstreamCredentials(fileSystem.getFile(location).toPath());
        } catch (FileNotFoundException e) {
            throw new MessagingException("RouteDelivery: <credentials> " + location + " cannot be located", e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getRecipients().isEmpty()) {
            mail.setState(Mail.GHOST);
            return;
        }
        if (mail.getAttribute(QUEUED_AT).isEmpty()) {
            mail.setAttribute(new Attribute(QUEUED_AT, AttributeValue.of(Instant.now().toString())));
        }
        try {
            if (!loop.attemptAtOnce(mail)) {
                queue.enQueue(mail);
            }
            mail.setState(Mail.GHOST);
        } catch (UnwritableMail e) {
            toErrorProcessor(mail, "cannot be relayed: " + e.getMessage());
        } catch (MailQueue.MailQueueException e) {
            if (!EnqueueFailure.isUnreadableMail(e)) {
                throw storageFailure(mail, e);
            }
            toErrorProcessor(mail, "cannot be queued for relaying: " + Optional.ofNullable(e.getCause()).orElse(e).getMessage());
        }
    }

    private static void toErrorProcessor(Mail mail, String problem) {
        LOGGER.error("Mail {} from {} {}; sent to the error processor", mail.getName(), mail.getMaybeSender().asString(), problem);
        mail.setErrorMessage(problem);
        mail.setState(Mail.ERROR);
    }

    /**
     * The mail stays in the spool, which offers it again: after a pause, so that a full disk does not keep a spool
     * thread spinning until space returns.
     */
    private static MessagingException storageFailure(Mail mail, Exception failure) {
        LOGGER.error("Mail {} cannot be queued for relaying now ({}); it stays in the spool", mail.getName(),
            Optional.ofNullable(failure.getCause()).orElse(failure).getMessage());
        try {
            Thread.sleep(STORAGE_FAILURE_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return new MessagingException("relay queue unavailable", failure);
    }

    @Override
    public void destroy() {
        if (loop != null) {
            loop.stop(DRAIN_TIMEOUT);
            sessionReaper.dispose();
            sessions.closeAll();
            LOGGER.info("James Relay delivery from {} stopped", queue.getName().asString());
        }
    }

    /** The processors named in the parameters, for James to check at startup that each exists. */
    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return processors.required();
    }

    @Override
    public String getMailetInfo() {
        return "James Relay route delivery";
    }
}
