package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import spark.Request;
import spark.Response;

/**
 * One page of a sorted listing, {@code ?limit=N&after=KEY}: at most {@code limit} keys that sort after {@code KEY}
 * (keyset pagination: a page stays right while entries are added or removed before it). A page that may be followed
 * by another one names it in a {@code Link: <...>; rel="next"} header.
 */
final class KeysetPage {
    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;
    private static final String LIMIT = "limit";
    private static final String AFTER = "after";

    private final int limit;
    private final Optional<String> after;

    private KeysetPage(int limit, Optional<String> after) {
        this.limit = limit;
        this.after = after;
    }

    /** The page the request asks for; empty when it names neither {@code limit} nor {@code after}: the whole listing. */
    static Optional<KeysetPage> of(Request request) {
        String limit = request.queryParams(LIMIT);
        Optional<String> after = Optional.ofNullable(request.queryParams(AFTER));
        if (limit == null && after.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KeysetPage(limit == null ? DEFAULT_LIMIT : limit(limit), after));
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw badRequest("invalid limit '" + value + "': a number from 1 to " + MAX_LIMIT);
    }

    Optional<String> after() {
        return after;
    }

    /**
     * The keys of this page, from {@code keys} (sorted, the first already after {@link #after()}); names the next page in
     * the {@code Link} header of {@code response} when there may be one.
     */
    List<String> take(Iterator<String> keys, Request request, Response response) {
        List<String> page = new ArrayList<>(Math.min(limit, 256));
        while (page.size() < limit && keys.hasNext()) {
            page.add(keys.next());
        }
        if (keys.hasNext()) {
            response.header("Link", "<" + request.uri() + "?" + LIMIT + "=" + limit + "&" + AFTER + "="
                + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
        return page;
    }
}
