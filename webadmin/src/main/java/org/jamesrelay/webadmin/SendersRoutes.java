package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.notFound;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.webadmin.dto.SenderDto;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The sender logins, under {@code /relay/senders}: what a login may use as {@code MAIL FROM} besides its own address.
 */
public class SendersRoutes extends RelayApiRoutes {
    private static final String SENDERS = RelayApi.BASE_PATH + "/senders";
    private static final String SENDER = SENDERS + "/:login";
    private static final Set<String> FIELDS = Set.of("owns", "servedSendersOnly");

    private final PolicyAccess access;

    @Inject
    public SendersRoutes(PolicyAccess access) {
        this.access = access;
    }

    @Override
    public void define(Service service) {
        service.get(SENDERS, (request, response) -> senders(), access.jsonTransformer());
        service.get(SENDER, this::getSender, access.jsonTransformer());
        service.put(SENDER, this::putSender);
        service.delete(SENDER, this::deleteSender);
    }

    /** In the order of the policy text. */
    private List<SenderDto> senders() {
        RelayPolicy policy = access.reader().snapshot();
        return PolicyReader.reading(() -> access.reader().entriesDocument().entries(PolicyValues.SENDER_LOGIN)).stream()
            .map(entry -> entry.value().toLowerCase(Locale.ROOT))
            .distinct()
            .map(policy::senderLogin)
            .flatMap(Optional::stream)
            .map(SenderDto::new)
            .collect(Collectors.toList());
    }

    private SenderDto getSender(Request request, Response response) {
        String login = badRequestUnless(() -> PolicyValues.login(request.params("login")));
        return access.reader().snapshot().senderLogin(login).map(SenderDto::new)
            .orElseThrow(() -> notFound("sender login " + login + " is not listed"));
    }

    private String putSender(Request request, Response response) {
        String login = badRequestUnless(() -> PolicyValues.login(request.params("login")));
        JsonBody body = badRequestUnless(() -> JsonBody.object(RequestBody.text(request), FIELDS));
        String line = badRequestUnless(() -> PolicyValues.senderLine(login,
            PolicyValues.patterns("owns", body.strings("owns")), body.bool("servedSendersOnly")));
        Predicate<PolicyDocument.Entry> matching = senderEntry(login);
        return access.writer().edit(request, response, document -> {
            boolean exists = document.anyMatch(matching);
            return EntryEdit.of((exists ? "change " : "add ") + PolicyValues.SENDER_LOGIN, document, matching, List.of(line),
                document.replace(matching, line));
        });
    }

    private String deleteSender(Request request, Response response) {
        String login = badRequestUnless(() -> PolicyValues.login(request.params("login")));
        Predicate<PolicyDocument.Entry> matching = senderEntry(login);
        return access.writer().edit(request, response, document -> {
            EntryEdit.requireSome(document, matching, "sender login " + login + " is not listed");
            return EntryEdit.of("remove " + PolicyValues.SENDER_LOGIN, document, matching, List.of(), document.removeIf(matching));
        });
    }

    private static Predicate<PolicyDocument.Entry> senderEntry(String login) {
        return entry -> entry.keyword().equals(PolicyValues.SENDER_LOGIN) && entry.value().equalsIgnoreCase(login);
    }
}
