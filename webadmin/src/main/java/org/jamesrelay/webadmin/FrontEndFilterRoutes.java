package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.FilterValues.ANTIVIRUS;
import static org.jamesrelay.webadmin.FilterValues.ATTACHMENT_FILTER;
import static org.jamesrelay.webadmin.FilterValues.HEADER_FILTER;
import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.notFound;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.jamesrelay.core.FilterPolicy;
import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.webadmin.dto.AntivirusDto;
import org.jamesrelay.webadmin.dto.FilterScopeDto;
import org.jamesrelay.webadmin.dto.FiltersDto;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The front-end filter, under {@code /relay/filters/{scope}}: the attachment rules ({@code attachment-filter}) and
 * the header removals ({@code header-filter}) of a recipient domain, or of {@code *} for every other one. The
 * attachment rules of a scope are replaced as a whole, since a rule has no key of its own. The antivirus, one for
 * all mail, is {@code /relay/antivirus}, out of the way of a domain called {@code antivirus}.
 */
public class FrontEndFilterRoutes extends RelayApiRoutes {
    private static final String FILTERS = RelayApi.BASE_PATH + "/filters";
    private static final String SCOPE = FILTERS + "/:scope";
    private static final String ATTACHMENTS = SCOPE + "/attachments";
    private static final String HEADERS = SCOPE + "/headers";
    private static final String ANTIVIRUS_PATH = RelayApi.BASE_PATH + "/antivirus";
    private static final Set<String> RULE_FIELDS = Set.of("action", "names", "types", "sniffed", "encryptedArchives", "largerThan",
        "unparseable");
    private static final Set<String> ANTIVIRUS_FIELDS = Set.of("clamd", "timeout", "onVirus", "onFailure");
    private static final Predicate<PolicyDocument.Entry> ANTIVIRUS_ENTRY = entry -> entry.keyword().equals(ANTIVIRUS);
    private static final String ANTIVIRUS_NOT_SET = ANTIVIRUS + " is not set";

    private final PolicyAccess access;

    @Inject
    public FrontEndFilterRoutes(PolicyAccess access) {
        this.access = access;
    }

    @Override
    public void define(Service service) {
        service.get(FILTERS, (request, response) -> filters(), access.jsonTransformer());
        service.get(SCOPE, this::getScope, access.jsonTransformer());
        service.put(ATTACHMENTS, this::putAttachments);
        service.delete(ATTACHMENTS, (request, response) -> deleteScoped(ATTACHMENT_FILTER, request, response));
        service.put(HEADERS, this::putHeaders);
        service.delete(HEADERS, (request, response) -> deleteScoped(HEADER_FILTER, request, response));
        service.get(ANTIVIRUS_PATH, (request, response) -> antivirus(), access.jsonTransformer());
        service.put(ANTIVIRUS_PATH, this::putAntivirus);
        service.delete(ANTIVIRUS_PATH, (request, response) -> delete(ANTIVIRUS, ANTIVIRUS_ENTRY, ANTIVIRUS_NOT_SET, request, response));
    }

    private FiltersDto filters() {
        FilterPolicy filters = access.reader().snapshot().filters();
        Stream<String> domains = PolicyReader.reading(() -> access.reader().entriesDocument()
                .entries(entry -> entry.keyword().equals(ATTACHMENT_FILTER) || entry.keyword().equals(HEADER_FILTER))).stream()
            .map(entry -> FilterValues.tryScope(entry.value()))
            .flatMap(Optional::stream)
            .filter(scope -> !scope.equals(FilterPolicy.DEFAULT_SCOPE));
        List<FilterScopeDto> scopes = Stream.concat(domains, Stream.of(FilterPolicy.DEFAULT_SCOPE))
            .distinct()
            .map(scope -> FilterScopeDto.of(scope, filters))
            .flatMap(Optional::stream)
            .collect(Collectors.toList());
        return new FiltersDto(scopes, filters.antivirus());
    }

    private FilterScopeDto getScope(Request request, Response response) {
        String scope = scope(request);
        return FilterScopeDto.of(scope, access.reader().snapshot().filters()).orElseThrow(() -> notFound(scope + " has no attachment-filter or "
            + "header-filter entry" + (scope.equals(FilterPolicy.DEFAULT_SCOPE) ? "" : ": its recipients get those of *")));
    }

    private String putAttachments(Request request, Response response) {
        String scope = scope(request);
        JsonBody body = badRequestUnless(() -> JsonBody.object(RequestBody.text(request), Set.of("rules")));
        List<String> lines = badRequestUnless(() -> body.objects("rules", RULE_FIELDS).stream()
            .map(rule -> ruleLine(scope, rule))
            .collect(Collectors.toList()));
        return replace(ATTACHMENT_FILTER, scopeEntry(ATTACHMENT_FILTER, scope), lines, request, response);
    }

    private static String ruleLine(String scope, JsonBody rule) {
        return FilterValues.attachmentRuleLine(scope, rule.requiredString("action"), rule.strings("names"), rule.strings("types"),
            rule.strings("sniffed"), rule.bool("encryptedArchives"), rule.stringOrNumber("largerThan"), rule.bool("unparseable"));
    }

    private String putHeaders(Request request, Response response) {
        String scope = scope(request);
        JsonBody body = badRequestUnless(() -> JsonBody.object(RequestBody.text(request), Set.of("remove")));
        String line = badRequestUnless(() -> FilterValues.headerFilterLine(scope, body.strings("remove")));
        return replace(HEADER_FILTER, scopeEntry(HEADER_FILTER, scope), List.of(line), request, response);
    }

    private AntivirusDto antivirus() {
        return access.reader().snapshot().filters().antivirus().map(AntivirusDto::new).orElseThrow(() -> notFound(ANTIVIRUS_NOT_SET));
    }

    private String putAntivirus(Request request, Response response) {
        JsonBody body = badRequestUnless(() -> JsonBody.object(RequestBody.text(request), ANTIVIRUS_FIELDS));
        String line = badRequestUnless(() -> FilterValues.antivirusLine(body.requiredString("clamd"), body.string("timeout"),
            body.string("onVirus"), body.string("onFailure")));
        return replace(ANTIVIRUS, ANTIVIRUS_ENTRY, List.of(line), request, response);
    }

    /** The matching entries become {@code lines}: where the first of them stands, else after the other entries of {@code keyword}. */
    private String replace(String keyword, Predicate<PolicyDocument.Entry> matching, List<String> lines, Request request, Response response) {
        return access.writer().edit(request, response, document -> {
            boolean exists = document.anyMatch(matching);
            String action = lines.isEmpty() ? "remove " : exists ? "change " : "add ";
            return EntryEdit.of(action + keyword, document, matching, lines, replaced(document, matching, lines));
        });
    }

    private static PolicyDocument replaced(PolicyDocument document, Predicate<PolicyDocument.Entry> matching, List<String> lines) {
        if (lines.isEmpty()) {
            return document.removeIf(matching);
        }
        PolicyDocument edited = document.replace(matching, lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            edited = edited.addAfterLast(matching, line);
        }
        return edited;
    }

    private String delete(String keyword, Predicate<PolicyDocument.Entry> matching, String notFoundMessage, Request request, Response response) {
        return access.writer().edit(request, response, document -> {
            EntryEdit.requireSome(document, matching, notFoundMessage);
            return EntryEdit.of("remove " + keyword, document, matching, List.of(), document.removeIf(matching));
        });
    }

    private String deleteScoped(String keyword, Request request, Response response) {
        String scope = scope(request);
        return delete(keyword, scopeEntry(keyword, scope), scope + " has no " + keyword + " entry", request, response);
    }

    private static String scope(Request request) {
        return badRequestUnless(() -> FilterValues.scope(request.params("scope")));
    }

    private static Predicate<PolicyDocument.Entry> scopeEntry(String keyword, String scope) {
        return entry -> entry.keyword().equals(keyword) && FilterValues.tryScope(entry.value()).filter(scope::equals).isPresent();
    }
}
