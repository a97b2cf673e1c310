package org.jamesrelay.webadmin;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which waiting mails a queue tool acts on, from the query parameters {@code name}, {@code route} (a rule such as
 * {@code route:relay.test}, a destination such as {@code relay.test}, or next hops such as {@code [10.0.0.1]:25}),
 * {@code domain} (of a recipient), {@code sender} ({@code <>} for the null sender) and {@code olderThan} (e.g.
 * {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}): a mail is selected when it matches every one given. With none,
 * every mail is selected; the routes that change mail ask for {@code all=true} then.
 */
final class MailSelection {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

    private final Optional<String> name;
    private final Optional<String> route;
    private final Optional<String> domain;
    private final Optional<String> sender;
    private final Optional<Duration> olderThan;

    private MailSelection(Optional<String> name, Optional<String> route, Optional<String> domain, Optional<String> sender,
                          Optional<Duration> olderThan) {
        this.name = name;
        this.route = route;
        this.domain = domain;
        this.sender = sender;
        this.olderThan = olderThan;
    }

    static MailSelection by(String name) {
        return new MailSelection(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @throws IllegalArgumentException for an empty value or an age that is not a number and a unit */
    static MailSelection parse(Function<String, String> parameters) {
        return new MailSelection(text(parameters, "name"), text(parameters, "route"),
            text(parameters, "domain").map(value -> value.toLowerCase(Locale.ROOT)), text(parameters, "sender"),
            text(parameters, "olderThan").map(MailSelection::age));
    }

    private static Optional<String> text(Function<String, String> parameters, String parameter) {
        Optional<String> value = Optional.ofNullable(parameters.apply(parameter)).map(String::trim);
        if (value.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException(parameter + " must not be empty");
        }
        return value;
    }

    private static Duration age(String text) {
        Matcher age = AGE.matcher(text.toLowerCase(Locale.ROOT));
        if (!age.matches()) {
            throw new IllegalArgumentException("olderThan: expected a number and a unit (s, m, h, d), e.g. 30m; got '" + text + "'");
        }
        long amount = Long.parseLong(age.group(1));
        Map<String, Duration> units = Map.of("s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1), "h", Duration.ofHours(1), "d", Duration.ofDays(1));
        return units.get(age.group(2)).multipliedBy(amount);
    }

    boolean isEverything() {
        return name.isEmpty() && route.isEmpty() && domain.isEmpty() && sender.isEmpty() && olderThan.isEmpty();
    }

    boolean matches(QueuedMail mail, Instant now) {
        return name.map(mail.name::equals).orElse(true)
            && route.map(wanted -> mail.routes.stream().anyMatch(group -> isRoute(group, wanted))).orElse(true)
            && domain.map(wanted -> mail.recipients.stream().anyMatch(recipient -> domainOf(recipient).equals(wanted))).orElse(true)
            && sender.map(wanted -> mail.sender.equalsIgnoreCase(wanted)).orElse(true)
            && olderThan.map(age -> mail.queuedAt.filter(queuedAt -> queuedAt.isBefore(now.minus(age))).isPresent()).orElse(true);
    }

    private static boolean isRoute(QueuedMail.RouteGroup group, String wanted) {
        return group.route.ruleId().equalsIgnoreCase(wanted)
            || group.route.key().equalsIgnoreCase(wanted)
            || group.route.transport().hopsAsString().equalsIgnoreCase(wanted);
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
