package org.jamesrelay.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * A command line of a command that talks to WebAdmin ({@code policy}, {@code queue}): the global options, which may
 * come anywhere, and the one request {@code R} that the rest stands for.
 */
final class WebAdminCommandLine<R> {
    static final String DEFAULT_URL = "http://127.0.0.1:8000";
    static final String URL_ENVIRONMENT = "JAMES_RELAY_WEBADMIN";
    /** A JWT for a WebAdmin with {@code jwt.enabled=true}; an environment variable only, to keep it out of process lists. */
    static final String TOKEN_ENVIRONMENT = "JAMES_RELAY_WEBADMIN_TOKEN";
    static final String ACTOR_HEADER = "X-Relay-Actor";
    /** The options of every command, by the names that {@link ParsedArguments} gives them. */
    static final Set<String> GLOBAL_OPTIONS = Set.of("--url", "--actor", "--json", "--help");

    /** Reads the words and the options of the command into its request. */
    interface RequestReader<R> {
        R read(ParsedArguments arguments) throws UsageException;
    }

    final URI url;
    final Optional<String> token;
    final boolean json;
    final String actor;
    final boolean help;
    final Optional<R> request;

    private WebAdminCommandLine(URI url, Optional<String> token, boolean json, String actor, boolean help, Optional<R> request) {
        this.url = url;
        this.token = token;
        this.json = json;
        this.actor = actor;
        this.help = help;
        this.request = request;
    }

    /** The global options, added to those of a command. */
    static Options globalOptions() {
        return new Options()
            .addOption(Option.builder().longOpt("url").hasArg().build())
            .addOption(Option.builder().longOpt("actor").hasArg().build())
            .addOption(Option.builder().longOpt("json").build())
            .addOption(Option.builder("h").longOpt("help").build());
    }

    /**
     * @param environment for {@code JAMES_RELAY_WEBADMIN} and {@code JAMES_RELAY_WEBADMIN_TOKEN}
     * @param user the default actor
     */
    static <R> WebAdminCommandLine<R> read(ParsedArguments arguments, Map<String, String> environment, String user,
                                           RequestReader<R> reader) throws UsageException {
        String defaultUrl = Optional.ofNullable(environment.get(URL_ENVIRONMENT)).filter(value -> !value.isBlank()).orElse(DEFAULT_URL);
        URI url = url(arguments.last("--url").orElse(defaultUrl));
        String actor = arguments.last("--actor").orElse(user);
        if (actor == null || actor.isBlank() || actor.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("--actor: expected a name without control characters, got '" + actor + "'");
        }
        Optional<String> token = Optional.ofNullable(environment.get(TOKEN_ENVIRONMENT)).map(String::trim).filter(value -> !value.isEmpty());
        if (token.isPresent() && token.get().chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new UsageException(TOKEN_ENVIRONMENT + ": a JWT has no white space or control characters");
        }
        boolean json = arguments.has("--json");
        List<String> words = arguments.words();
        if (arguments.has("--help") || words.equals(List.of("help"))) {
            return new WebAdminCommandLine<>(url, token, json, actor, true, Optional.empty());
        }
        if (words.isEmpty()) {
            throw new UsageException("a command is needed");
        }
        return new WebAdminCommandLine<>(url, token, json, actor, false, Optional.of(reader.read(arguments)));
    }

    static URI url(String value) throws UsageException {
        String trimmed = value.trim().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new UsageException("--url: expected http://HOST:PORT, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--url: expected http://HOST:PORT, got '" + value + "'");
        }
    }
}
