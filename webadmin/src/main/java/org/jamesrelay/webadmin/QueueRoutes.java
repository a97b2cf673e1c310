package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;
import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.notFound;
import static org.jamesrelay.webadmin.RelayErrors.queueFailure;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Provider;
import javax.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.mailet.Mail;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.webadmin.dto.QueueActionDto;
import org.jamesrelay.webadmin.dto.QueuedMailDetailsDto;
import org.jamesrelay.webadmin.dto.QueuedMailDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The queue tools: {@code /relay/queue} for the mail waiting in the relay queue ({@code relay-outgoing}) and
 * {@code /relay/held} for the mail on hold (the mail repository {@code file://var/mail/hold/}), which is never
 * delivered until released. GET lists (selection in {@link MailSelection}) or shows one mail by name; POST
 * {@code /relay/queue/hold}, {@code /relay/queue/flush} and {@code /relay/held/release}, and DELETE, act on the
 * selection, or on every mail with {@code all=true}.
 */
public class QueueRoutes extends RelayApiRoutes {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueRoutes.class);
    static final MailQueueName RELAY_QUEUE = MailQueueName.of("relay-outgoing");
    static final MailRepositoryUrl HOLD = MailRepositoryUrl.from("file://var/mail/hold/");
    private static final String QUEUE = RelayApi.BASE_PATH + "/queue";
    private static final String HELD = RelayApi.BASE_PATH + "/held";

    private interface Action {
        RelayQueue.Outcome apply(RelayQueue queue, MailSelection selection) throws MessagingException;
    }

    private interface Listing {
        List<RelayQueue.Found> apply(RelayQueue queue, MailSelection selection) throws MessagingException;
    }

    private final Supplier<RelayQueue> relayQueue;
    private final JsonTransformer jsonTransformer;

    @Inject
    public QueueRoutes(MailQueueFactory<? extends ManageableMailQueue> queueFactory, MailRepositoryStore repositoryStore,
                       Provider<RelayPolicyService> policyService, JsonTransformer jsonTransformer) {
        this(opening(queueFactory, repositoryStore, policyService), jsonTransformer);
    }

    /** @param relayQueue the relay queue and the hold repository, looked up at each request */
    QueueRoutes(Supplier<RelayQueue> relayQueue, JsonTransformer jsonTransformer) {
        this.relayQueue = relayQueue;
        this.jsonTransformer = jsonTransformer;
    }

    private static Supplier<RelayQueue> opening(MailQueueFactory<? extends ManageableMailQueue> queueFactory,
                                                MailRepositoryStore repositoryStore, Provider<RelayPolicyService> policyService) {
        return () -> {
            ManageableMailQueue queue = queueFactory.getQueue(RELAY_QUEUE)
                .orElseThrow(() -> notFound("the relay queue " + RELAY_QUEUE.asString() + " does not exist: is RouteDelivery in the mailet container?"));
            try {
                return new RelayQueue(queue, repositoryStore.select(HOLD), () -> policyService.get().policy().routes(), Clock.systemUTC());
            } catch (MailRepositoryStore.MailRepositoryStoreException e) {
                throw queueFailure(e);
            }
        };
    }

    @Override
    public void define(Service service) {
        service.get(QUEUE, (request, response) -> list(request, RelayQueue::queued), jsonTransformer);
        service.get(QUEUE + "/:name", (request, response) -> show(request, RelayQueue::queued, "in the relay queue"), jsonTransformer);
        service.post(QUEUE + "/hold", (request, response) -> act(request, "hold", RelayQueue::hold), jsonTransformer);
        service.post(QUEUE + "/flush", this::flush, jsonTransformer);
        service.delete(QUEUE, (request, response) -> act(request, "delete", RelayQueue::deleteQueued), jsonTransformer);
        service.get(HELD, (request, response) -> list(request, RelayQueue::held), jsonTransformer);
        service.get(HELD + "/:name", (request, response) -> show(request, RelayQueue::held, "on hold"), jsonTransformer);
        service.post(HELD + "/release", (request, response) -> act(request, "release", RelayQueue::release), jsonTransformer);
        service.delete(HELD, (request, response) -> act(request, "delete held", RelayQueue::deleteHeld), jsonTransformer);
    }

    private static MailSelection selection(Request request) {
        return badRequestUnless(() -> MailSelection.parse(request::queryParams));
    }

    private List<QueuedMailDto> list(Request request, Listing listing) {
        MailSelection selection = selection(request);
        try {
            List<RelayQueue.Found> found = listing.apply(relayQueue.get(), selection);
            RelayQueue.dispose(found);
            return found.stream().map(each -> each.view.toDto()).collect(Collectors.toList());
        } catch (MessagingException e) {
            throw queueFailure(e);
        }
    }

    private QueuedMailDetailsDto show(Request request, Listing listing, String where) {
        String name = request.params("name");
        try {
            List<RelayQueue.Found> found = listing.apply(relayQueue.get(), MailSelection.by(name));
            try {
                RelayQueue.Found mail = found.stream().findFirst().orElseThrow(() -> notFound("no mail " + name + " " + where));
                return new QueuedMailDetailsDto(mail.view.toDto(), headerLines(mail.mail));
            } finally {
                RelayQueue.dispose(found);
            }
        } catch (MessagingException e) {
            throw queueFailure(e);
        }
    }

    private static List<String> headerLines(Mail mail) throws MessagingException {
        return Collections.list(mail.getMessage().getAllHeaderLines());
    }

    private QueueActionDto flush(Request request, Response response) {
        MailSelection selection = selection(request);
        if (!selection.isEverything()) {
            return act(request, "flush", RelayQueue::flush);
        }
        requireAll(request, "flush");
        try {
            long count = relayQueue.get().flushAll();
            LOGGER.info("Queue tools: {} flushed the relay queue ({} mails)", actor(request), count);
            return new QueueActionDto("flush", count, List.of(), List.of());
        } catch (MessagingException e) {
            throw queueFailure(e);
        }
    }

    private QueueActionDto act(Request request, String name, Action action) {
        MailSelection selection = selection(request);
        if (selection.isEverything()) {
            requireAll(request, name);
        }
        try {
            RelayQueue.Outcome outcome = action.apply(relayQueue.get(), selection);
            LOGGER.info("Queue tools: {} did {} on {}{}", actor(request), name, outcome.done,
                outcome.busy.isEmpty() ? "" : "; under a delivery attempt, left as they were: " + outcome.busy);
            return new QueueActionDto(name, outcome.done.size(), outcome.done, outcome.busy);
        } catch (MessagingException e) {
            throw queueFailure(e);
        }
    }

    private static void requireAll(Request request, String action) {
        if (!"true".equals(request.queryParams("all"))) {
            throw badRequest(action + " of every mail: select mail with name, route, domain, sender or olderThan, or confirm with all=true");
        }
    }

    private static String actor(Request request) {
        return Optional.ofNullable(request.headers(RelayApi.ACTOR_HEADER)).filter(actor -> !actor.isBlank())
            .map(actor -> actor.replaceAll("\\p{Cntrl}", "?")).orElse(RelayApi.DEFAULT_ACTOR);
    }
}
