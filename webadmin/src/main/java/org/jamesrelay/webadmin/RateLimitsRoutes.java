package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.notFound;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileWriter;
import org.jamesrelay.core.RateLimit;
import org.jamesrelay.webadmin.dto.RateLimitDto;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The rate limits, under {@code /relay/rate-limits}: {@code PUT /relay/rate-limits/NAME} with
 * {@code {"scope":"login","counts":"messages","max":"200/1h"}} sets one, validated against the whole policy and
 * audited like any entry.
 */
public class RateLimitsRoutes extends RelayApiRoutes {
    static final String KEYWORD = "rate-limit";
    private static final String LIMITS = RelayApi.BASE_PATH + "/rate-limits";
    private static final String LIMIT = LIMITS + "/:name";
    private static final Set<String> FIELDS = Set.of("scope", "counts", "max");

    private final PolicyAccess access;

    @Inject
    public RateLimitsRoutes(PolicyAccess access) {
        this.access = access;
    }

    @Override
    public void define(Service service) {
        service.get(LIMITS, (request, response) -> limits(), access.jsonTransformer());
        service.get(LIMIT, this::getLimit, access.jsonTransformer());
        service.put(LIMIT, this::putLimit);
        service.delete(LIMIT, this::deleteLimit);
    }

    /** In the order of the policy text. */
    private List<RateLimitDto> limits() {
        return access.reader().snapshot().rateLimits().stream().map(RateLimitDto::new).collect(Collectors.toList());
    }

    private RateLimitDto getLimit(Request request, Response response) {
        String name = badRequestUnless(() -> name(request.params("name")));
        return access.reader().snapshot().rateLimits().stream()
            .filter(limit -> limit.name().equals(name))
            .findFirst()
            .map(RateLimitDto::new)
            .orElseThrow(() -> notFound("rate limit " + name + " is not set"));
    }

    private String putLimit(Request request, Response response) {
        String name = badRequestUnless(() -> name(request.params("name")));
        JsonBody body = badRequestUnless(() -> JsonBody.object(RequestBody.text(request), FIELDS));
        String line = badRequestUnless(() -> PolicyValues.checked(PolicyFileWriter.rateLimit(PolicyValues.parsedEntry(KEYWORD + " " + name
            + " scope=" + value(body, "scope") + " counts=" + value(body, "counts") + " max=" + value(body, "max")).rateLimits().get(0))));
        Predicate<PolicyDocument.Entry> matching = limitEntry(name);
        return access.writer().edit(request, response, document -> {
            boolean exists = document.anyMatch(matching);
            return EntryEdit.of((exists ? "change " : "add ") + KEYWORD, document, matching, List.of(line), document.replace(matching, line));
        });
    }

    private String deleteLimit(Request request, Response response) {
        String name = badRequestUnless(() -> name(request.params("name")));
        Predicate<PolicyDocument.Entry> matching = limitEntry(name);
        return access.writer().edit(request, response, document -> {
            EntryEdit.requireSome(document, matching, "rate limit " + name + " is not set");
            return EntryEdit.of("remove " + KEYWORD, document, matching, List.of(), document.removeIf(matching));
        });
    }

    private static String value(JsonBody body, String field) {
        String value = body.requiredString(field);
        PolicyValues.word(field, value);
        return value;
    }

    private static String name(String value) {
        PolicyValues.word("rate limit name", value);
        return RateLimit.checkName(value.toLowerCase(Locale.ROOT));
    }

    private static Predicate<PolicyDocument.Entry> limitEntry(String name) {
        return entry -> entry.keyword().equals(KEYWORD) && entry.value().equalsIgnoreCase(name);
    }
}
