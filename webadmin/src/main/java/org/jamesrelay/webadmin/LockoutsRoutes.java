package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.notFound;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.jamesrelay.core.AuthFailureGuard;
import org.jamesrelay.core.Lockout;
import org.jamesrelay.webadmin.dto.LockoutDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The lockouts of the password-guessing defence on this node: {@code GET /relay/lockouts} lists them,
 * {@code DELETE /relay/lockouts/SCOPE/KEY} lifts one ({@code client/192.0.2.7}, {@code network/192.0.2.0%2F24},
 * {@code login/alice%40example.com}) and forgets the failures that caused it.
 */
public class LockoutsRoutes extends RelayApiRoutes {
    private static final String LOCKOUTS = RelayApi.BASE_PATH + "/lockouts";
    private static final String LOCKOUT = LOCKOUTS + "/:scope/:key";
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.lockouts");

    private final Provider<AuthFailureGuard> guard;
    private final JsonTransformer jsonTransformer;
    private final Clock clock;

    @Inject
    public LockoutsRoutes(Provider<AuthFailureGuard> guard, JsonTransformer jsonTransformer) {
        this(guard, jsonTransformer, Clock.systemUTC());
    }

    LockoutsRoutes(Provider<AuthFailureGuard> guard, JsonTransformer jsonTransformer, Clock clock) {
        this.guard = guard;
        this.jsonTransformer = jsonTransformer;
        this.clock = clock;
    }

    @Override
    public void define(Service service) {
        service.get(LOCKOUTS, this::list, jsonTransformer);
        service.delete(LOCKOUT, this::lift);
    }

    private List<LockoutDto> list(Request request, Response response) {
        Instant now = clock.instant();
        return guard.get().lockouts().stream()
            .map(lockout -> new LockoutDto(lockout.scope().keyword(), lockout.key(), lockout.failures(), lockout.window().toSeconds(),
                lockout.until().toString(), lockout.secondsLeft(now)))
            .collect(Collectors.toList());
    }

    private String lift(Request request, Response response) {
        Lockout.Scope scope = badRequestUnless(() -> scope(request.params("scope")));
        String key = request.params("key");
        if (!guard.get().lift(scope, key)) {
            throw notFound("no lockout of " + scope.keyword() + " " + key);
        }
        LOGGER.info("lockout lifted scope={} key={} by={}", scope.keyword(), key, PolicyWriter.actor(request));
        response.status(204);
        return "";
    }

    private static Lockout.Scope scope(String value) {
        return Arrays.stream(Lockout.Scope.values())
            .filter(scope -> scope.keyword().equals(value.toLowerCase(Locale.ROOT)))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("scope must be client, network or login, not '" + value + "'"));
    }
}
