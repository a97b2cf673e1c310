package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;
import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.conflict;
import static org.jamesrelay.webadmin.RelayErrors.notFound;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.RecipientTable;
import org.jamesrelay.core.RelayDomain;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.webadmin.dto.DomainDto;
import org.jamesrelay.webadmin.dto.DomainSummaryDto;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The relay domains and their recipients, under {@code /relay/domains}. A relay domain without listed recipients
 * accepts any recipient: removing its last listed recipient takes {@code ?force=true}. The listings that may be large
 * (domains, recipients) are also given a page at a time ({@link KeysetPage}).
 */
public class RelayDomainsRoutes extends RelayApiRoutes {
    private static final String DOMAINS = RelayApi.BASE_PATH + "/domains";
    private static final String DOMAIN = DOMAINS + "/:domain";
    private static final String RECIPIENTS = DOMAIN + "/recipients";
    private static final String RECIPIENT = RECIPIENTS + "/:address";

    private final PolicyAccess access;

    @Inject
    public RelayDomainsRoutes(PolicyAccess access) {
        this.access = access;
    }

    @Override
    public void define(Service service) {
        service.get(DOMAINS, this::listDomains, access.jsonTransformer());
        service.get(DOMAIN, this::getDomain, access.jsonTransformer());
        service.put(DOMAIN, this::putDomain);
        service.delete(DOMAIN, this::deleteDomain);
        service.get(RECIPIENTS, this::listRecipients);
        service.put(RECIPIENT, this::putRecipient);
        service.delete(RECIPIENT, this::deleteRecipient);
    }

    /** Without {@code limit} or {@code after}: every domain with its recipients. */
    private Object listDomains(Request request, Response response) {
        return KeysetPage.of(request).<Object>map(page -> domainPage(page, request, response)).orElseGet(this::domains);
    }

    /** In the order of their names, each with the number of its recipients. */
    private List<DomainSummaryDto> domainPage(KeysetPage page, Request request, Response response) {
        Map<String, RelayDomain> domains = access.reader().snapshot().relayDomains();
        NavigableSet<String> names = new TreeSet<>(domains.keySet());
        Iterator<String> after = page.after().map(name -> names.tailSet(name, false)).orElse(names).iterator();
        return page.take(after, request, response).stream()
            .map(name -> new DomainSummaryDto(name, domains.get(name).recipientTable().map(RecipientTable::size)))
            .collect(Collectors.toList());
    }

    /**
     * In the order of the recipient table (code points of the local parts), streamed; {@code null} when the domain
     * accepts any recipient.
     */
    private Object listRecipients(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        RelayDomain relayDomain = access.reader().snapshot().relayDomain(domain).orElseThrow(() -> notFound(domain + " is not a relay domain"));
        if (relayDomain.recipientTable().isEmpty()) {
            response.type("application/json");
            return "null";
        }
        RecipientTable table = relayDomain.recipientTable().get();
        Optional<KeysetPage> page = KeysetPage.of(request);
        Iterator<String> keys = SortedKeys.recipientsAfter(table, page.flatMap(KeysetPage::after));
        return StreamedAnswer.jsonStrings(response, page.map(some -> some.take(keys, request, response).iterator()).orElse(keys));
    }

    /** In the order of the policy text; the recipients of each in the order of their table. */
    private List<DomainDto> domains() {
        RelayPolicy policy = access.reader().snapshot();
        return PolicyReader.reading(() -> access.reader().entriesDocument().entries(PolicyValues.RELAY_DOMAIN)).stream()
            .map(entry -> PolicyValues.tryDomain(entry.value()))
            .flatMap(Optional::stream)
            .distinct()
            .map(policy::relayDomain)
            .flatMap(Optional::stream)
            .map(RelayDomainsRoutes::domain)
            .collect(Collectors.toList());
    }

    private DomainDto getDomain(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        return access.reader().snapshot().relayDomain(domain).map(RelayDomainsRoutes::domain)
            .orElseThrow(() -> notFound(domain + " is not a relay domain"));
    }

    private static DomainDto domain(RelayDomain domain) {
        return new DomainDto(domain.name(), domain.recipientTable().map(table -> List.copyOf(table.asSet())));
    }

    private String putDomain(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        requireNoBody(request);
        String line = badRequestUnless(() -> PolicyValues.domainLine(domain));
        Predicate<PolicyDocument.Entry> matching = domainEntry(domain);
        return access.writer().edit(request, response, document -> {
            if (document.anyMatch(matching)) {
                return EntryEdit.unchanged("add " + PolicyValues.RELAY_DOMAIN, document, matching);
            }
            return EntryEdit.of("add " + PolicyValues.RELAY_DOMAIN, document, matching, List.of(line), document.add(line));
        });
    }

    private String deleteDomain(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        Predicate<PolicyDocument.Entry> matching = domainEntry(domain).or(recipientsOf(domain));
        return access.writer().editWithRecipients(request, response, document -> {
            EntryEdit.requireSome(document, domainEntry(domain), domain + " is not a relay domain");
            return EntryEdit.of("remove " + PolicyValues.RELAY_DOMAIN, document, matching, List.of(), document.removeIf(matching));
        });
    }

    private String putRecipient(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        EnvelopeAddress recipient = badRequestUnless(() -> PolicyValues.address(request.params("address")));
        requireNoBody(request);
        if (!recipient.domain().equals(domain)) {
            throw badRequest("recipient " + recipient.key() + " is not an address of " + domain);
        }
        String line = badRequestUnless(() -> PolicyValues.recipientLine(recipient));
        return access.writer().editWithRecipients(request, response, document -> access.reader().snapshotOf(document)
            .map(inForce -> planRecipient(inForce, document, domain, recipient, line))
            .orElseGet(() -> planRecipient(document, domain, recipient, line)));
    }

    /**
     * A new recipient goes right after its domain's line: found in the snapshot in force, like the recipients, so that
     * adding one reads none of the policy's text, whatever its size.
     */
    private static EntryEdit planRecipient(PolicySnapshot inForce, PolicyDocument document, String domain, EnvelopeAddress recipient, String line) {
        RelayDomain relayDomain = inForce.policy().relayDomain(domain).orElseThrow(() -> notARelayDomain(domain));
        if (relayDomain.recipientTable().filter(table -> table.contains(recipient.key())).isPresent()) {
            return EntryEdit.unchanged("add " + PolicyValues.RELAY_RECIPIENT, List.of(line), document);
        }
        int domainLine = inForce.relayDomainLine(domain).orElseThrow(() -> notARelayDomain(domain));
        return EntryEdit.added("add " + PolicyValues.RELAY_RECIPIENT, line, document.addAfterLine(domainLine, line));
    }

    /** The same plan, read from the text: when this node's snapshot is not of the stored version. */
    private static EntryEdit planRecipient(PolicyDocument document, String domain, EnvelopeAddress recipient, String line) {
        Predicate<PolicyDocument.Entry> matching = recipientEntry(recipient);
        List<PolicyDocument.Entry> found = document.entries(domainEntry(domain).or(matching));
        if (found.stream().noneMatch(domainEntry(domain))) {
            throw notARelayDomain(domain);
        }
        List<String> listed = found.stream().filter(matching).map(PolicyDocument.Entry::text).collect(Collectors.toList());
        if (!listed.isEmpty()) {
            return EntryEdit.unchanged("add " + PolicyValues.RELAY_RECIPIENT, listed, document);
        }
        return EntryEdit.added("add " + PolicyValues.RELAY_RECIPIENT, line, document.addAfterLast(domainEntry(domain), line));
    }

    private static HaltException notARelayDomain(String domain) {
        return badRequest(domain + " is not a relay domain: add it first (PUT " + DOMAINS + "/" + domain + ")");
    }

    private String deleteRecipient(Request request, Response response) {
        String domain = badRequestUnless(() -> PolicyValues.domain(request.params("domain")));
        EnvelopeAddress recipient = badRequestUnless(() -> PolicyValues.address(request.params("address")));
        boolean anyRecipientAllowed = "true".equalsIgnoreCase(request.queryParams("force"));
        return access.writer().editWithRecipients(request, response, document -> {
            Optional<PolicySnapshot> inForce = access.reader().snapshotOf(document);
            if (inForce.isPresent()) {
                requireRemovable(inForce.get(), domain, recipient, anyRecipientAllowed);
                String line = PolicyValues.recipientLine(recipient);
                PolicyDocument edited = inForce.get().relayRecipientLine(recipient)
                    .map(number -> document.removeLine(number, line))
                    .orElseGet(() -> document.removeIf(recipientEntry(recipient)));
                return EntryEdit.removed("remove " + PolicyValues.RELAY_RECIPIENT, line, edited);
            }
            return planRemoval(document, domain, recipient, anyRecipientAllowed);
        });
    }

    /**
     * The checks of a removal, on the snapshot in force: no pass over the text to make them. The snapshot also knows the
     * recipient's line when it is written as WebAdmin writes it (then the removal reads none of the text, and the change
     * names the line it removes, so that it fails where that line reads otherwise); else one pass finds it. The audit
     * records the recipient as the policy compares it.
     */
    private static void requireRemovable(PolicySnapshot inForce, String domain, EnvelopeAddress recipient, boolean anyRecipientAllowed) {
        RelayDomain relayDomain = inForce.policy().relayDomain(domain).orElseThrow(() -> notFound(domain + " is not a relay domain"));
        if (!recipient.domain().equals(domain)) {
            throw notFound(recipient.key() + " is not a recipient of " + domain);
        }
        RecipientTable table = relayDomain.recipientTable().filter(listed -> listed.contains(recipient.key()))
            .orElseThrow(() -> notFound(recipient.key() + " is not a listed recipient of " + domain));
        if (!anyRecipientAllowed && table.size() == 1) {
            throw lastRecipient(domain, recipient);
        }
    }

    /** The same plan, read from the text: when this node's snapshot is not of the stored version. */
    private static EntryEdit planRemoval(PolicyDocument document, String domain, EnvelopeAddress recipient, boolean anyRecipientAllowed) {
        Predicate<PolicyDocument.Entry> matching = recipientEntry(recipient);
        if (!document.anyMatch(domainEntry(domain))) {
            throw notFound(domain + " is not a relay domain");
        }
        if (!recipient.domain().equals(domain)) {
            throw notFound(recipient.key() + " is not a recipient of " + domain);
        }
        EntryEdit.requireSome(document, matching, recipient.key() + " is not a listed recipient of " + domain);
        PolicyDocument edited = document.removeIf(matching);
        if (!anyRecipientAllowed && !edited.anyMatch(recipientsOf(domain))) {
            throw lastRecipient(domain, recipient);
        }
        return EntryEdit.of("remove " + PolicyValues.RELAY_RECIPIENT, document, matching, List.of(), edited);
    }

    private static HaltException lastRecipient(String domain, EnvelopeAddress recipient) {
        return conflict(recipient.key() + " is the last listed recipient of " + domain + ": without it, " + domain
            + " would accept any recipient. Add the other recipients first, or remove it with ?force=true");
    }

    private static void requireNoBody(Request request) {
        String body = RequestBody.text(request);
        if (body != null && !body.isBlank() && !body.trim().equals("{}")) {
            throw badRequest("this request takes no body");
        }
    }

    private static Predicate<PolicyDocument.Entry> domainEntry(String domain) {
        return entry -> entry.keyword().equals(PolicyValues.RELAY_DOMAIN) && PolicyValues.tryDomain(entry.value()).filter(domain::equals).isPresent();
    }

    private static Predicate<PolicyDocument.Entry> recipientsOf(String domain) {
        return entry -> entry.keyword().equals(PolicyValues.RELAY_RECIPIENT)
            && PolicyValues.tryAddress(entry.value()).filter(address -> address.domain().equals(domain)).isPresent();
    }

    private static Predicate<PolicyDocument.Entry> recipientEntry(EnvelopeAddress recipient) {
        return entry -> entry.keyword().equals(PolicyValues.RELAY_RECIPIENT)
            && PolicyValues.tryAddress(entry.value()).filter(address -> address.key().equals(recipient.key())).isPresent();
    }
}
