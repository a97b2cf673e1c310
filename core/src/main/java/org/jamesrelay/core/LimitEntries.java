package org.jamesrelay.core;

import java.time.Duration;
import java.util.List;

/**
 * The policy entries of the abuse limits, each set at most once, with Postfix's defaults where Postfix has the
 * setting: {@code soft-error-limit}, {@code hard-error-limit}, {@code error-sleep-time}, {@code junk-command-limit},
 * {@code client-auth-failure-limit}, {@code network-auth-failure-limit}, {@code login-auth-failure-limit},
 * {@code auth-lockout-time}, {@code auth-failure-delay}, {@code limit-exceptions}, {@code forbid-unauth-pipelining} and
 * {@code greet-pause}.
 */
final class LimitEntries {
    static final List<String> KEYWORDS = List.of("soft-error-limit", "hard-error-limit", "error-sleep-time", "junk-command-limit",
        "client-auth-failure-limit", "network-auth-failure-limit", "login-auth-failure-limit", "auth-lockout-time", "auth-failure-delay",
        "limit-exceptions", "forbid-unauth-pipelining", "greet-pause");
    private static final int LARGEST_COUNT = 1_000_000;
    /** Clients give up on a greeting after 5 minutes (RFC 5321 4.5.3.2.1); Sendmail's and postscreen's pauses are seconds. */
    private static final Duration LONGEST_GREET_PAUSE = Duration.ofMinutes(1);

    private int softErrorLimit = ErrorLimits.DEFAULT_SOFT_LIMIT;
    private int hardErrorLimit = ErrorLimits.DEFAULT_HARD_LIMIT;
    private Duration errorSleepTime = ErrorLimits.DEFAULT_SLEEP_TIME;
    private int junkCommandLimit = ErrorLimits.DEFAULT_JUNK_COMMAND_LIMIT;
    private FailureThreshold perClient = AuthFailureLimits.DEFAULT_PER_CLIENT;
    private FailureThreshold perNetwork = AuthFailureLimits.DEFAULT_PER_NETWORK;
    private FailureThreshold perLogin = AuthFailureLimits.DEFAULT_PER_LOGIN;
    private Duration lockoutTime = AuthFailureLimits.DEFAULT_LOCKOUT_TIME;
    private Duration failureDelay = AuthFailureLimits.DEFAULT_FAILURE_DELAY;
    private LimitExceptions exceptions = LimitExceptions.TRUSTED_NETWORKS;
    private boolean forbidUnauthPipelining = true;
    private Duration greetPause = Duration.ZERO;

    void apply(String keyword, String value) {
        switch (keyword) {
            case "soft-error-limit":
                softErrorLimit = count(value);
                break;
            case "hard-error-limit":
                hardErrorLimit = count(value);
                break;
            case "error-sleep-time":
                errorSleepTime = PolicyUnits.duration(value);
                break;
            case "junk-command-limit":
                junkCommandLimit = count(value);
                break;
            case "client-auth-failure-limit":
                perClient = FailureThreshold.parse(value);
                break;
            case "network-auth-failure-limit":
                perNetwork = FailureThreshold.parse(value);
                break;
            case "login-auth-failure-limit":
                perLogin = FailureThreshold.parse(value);
                break;
            case "auth-lockout-time":
                lockoutTime = PolicyUnits.duration(value);
                break;
            case "auth-failure-delay":
                failureDelay = PolicyUnits.duration(value);
                break;
            case "limit-exceptions":
                exceptions = java.util.Arrays.stream(LimitExceptions.values())
                    .filter(choice -> choice.keyword().equalsIgnoreCase(value))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + Printable.of(value) + "' is not one of trusted-networks, none"));
                break;
            case "forbid-unauth-pipelining":
                forbidUnauthPipelining = yesNo(value);
                break;
            case "greet-pause":
                greetPause = PolicyUnits.duration(value);
                if (greetPause.compareTo(LONGEST_GREET_PAUSE) > 0) {
                    throw new IllegalArgumentException("greet-pause " + Printable.of(value) + " is above " + LONGEST_GREET_PAUSE.toSeconds() + "s");
                }
                break;
            default:
                throw new IllegalArgumentException("not a limit entry: " + keyword);
        }
    }

    void applyTo(RelayPolicyBuilder builder) {
        builder.errorLimits(new ErrorLimits(softErrorLimit, hardErrorLimit, errorSleepTime, junkCommandLimit))
            .authFailureLimits(new AuthFailureLimits(perClient, perNetwork, perLogin, lockoutTime, failureDelay))
            .limitExceptions(exceptions)
            .forbidUnauthPipelining(forbidUnauthPipelining)
            .greetPause(greetPause);
    }

    private static boolean yesNo(String value) {
        if (value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("no")) {
            return value.equalsIgnoreCase("yes");
        }
        throw new IllegalArgumentException("'" + Printable.of(value) + "' is not one of yes, no");
    }

    private static int count(String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= LARGEST_COUNT) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + Printable.of(value) + "' is not a number from 1 to " + LARGEST_COUNT);
    }
}
