package org.jamesrelay.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jamesrelay.cli.PolicyCommandLine.UsageException;

/**
 * The command line of {@code james-relay queue}: global options anywhere, then {@code COMMAND [NAME] [SELECTION]},
 * read into the one WebAdmin request of James Relay's queue routes ({@code /relay/queue}, {@code /relay/held}) it
 * stands for.
 */
final class QueueCommandLine {
    static final String USAGE = String.join("\n",
        "Usage: james-relay queue [--url URL] [--json] [--actor NAME] COMMAND [NAME] [SELECTION]",
        "",
        "The mail that waits in the relay queue (relay-outgoing) of a running James Relay: for which route, since when,",
        "after how many attempts and with which last error; hold, release, flush or delete it. Held mail is kept in the",
        "mail repository var/mail/hold and never delivered until it is released.",
        "",
        "Commands (the Postfix equivalent in brackets):",
        "  list [--held] [SELECTION]     the waiting mail, or with --held the mail on hold   [postqueue -p]",
        "  show NAME [--held]            one mail: envelope, routes, attempts, last error, headers   [postcat -q NAME]",
        "  hold NAME | SELECTION | --all put waiting mail on hold   [postsuper -h]",
        "  release NAME | SELECTION | --all",
        "                                put held mail back into the relay queue, due now   [postsuper -H]",
        "  flush [NAME | SELECTION]      make waiting mail due now: all of it without a selection",
        "                                [postqueue -f; with a selection postqueue -i NAME, postqueue -s SITE]",
        "  delete [--held] NAME | SELECTION | --all",
        "                                delete waiting (or held) mail, without a bounce   [postsuper -d]",
        "",
        "Selection (a mail is selected when it matches every option given):",
        "  --name NAME          the mail of this name (as listed; the same as NAME)",
        "  --route ROUTE        mail with a recipient that this route takes now: its rule (route:relay.test),",
        "                       destination (relay.test, @local.test for a sender route, * for the default) or",
        "                       next hops ([10.0.0.1]:25, direct)",
        "  --domain DOMAIN      mail with a recipient in DOMAIN",
        "  --sender ADDRESS     mail from ADDRESS (<> for bounces)",
        "  --older-than AGE     mail first queued more than AGE ago: 90s, 30m, 2h, 1d",
        "  --all                every mail (hold, release and delete ask for it when nothing else is selected)",
        "A mail is held, flushed or deleted whole, with all its recipients. A mail that a delivery attempt has taken",
        "at that moment is left as it is and reported as busy: select it again once the attempt is over.",
        "",
        "Options:",
        "  --url URL      WebAdmin of the relay [JAMES_RELAY_WEBADMIN, default: " + PolicyCommandLine.DEFAULT_URL + "]",
        "  --json         print the server's JSON answer instead of text",
        "  --actor NAME   who acts, for James's log [default: the operating system user]",
        "  -h, --help     show this message",
        "",
        "Environment: JAMES_RELAY_WEBADMIN (the URL), JAMES_RELAY_WEBADMIN_TOKEN (a JWT, sent as a bearer token,",
        "for a WebAdmin with jwt.enabled=true).",
        "",
        "Exit status: 0 done, 1 refused by the server (its message is printed), 2 usage error,",
        "3 WebAdmin cannot be reached, 4 done except for busy mail.");

    /** What to do with the answer of the server. */
    enum Output {
        LIST, HELD_LIST, SHOW, ACTION
    }

    /** One WebAdmin request, and how to show its answer. */
    static final class Request {
        final String method;
        final String path;
        final Output output;

        Request(String method, String path, Output output) {
            this.method = method;
            this.path = path;
            this.output = output;
        }
    }

    private static final Map<String, String> SELECTORS = Map.of("--name", "name", "--route", "route", "--domain", "domain",
        "--sender", "sender", "--older-than", "olderThan");

    final URI url;
    final Optional<String> token;
    final boolean json;
    final String actor;
    final boolean help;
    final Optional<Request> request;

    private QueueCommandLine(URI url, Optional<String> token, boolean json, String actor, boolean help, Optional<Request> request) {
        this.url = url;
        this.token = token;
        this.json = json;
        this.actor = actor;
        this.help = help;
        this.request = request;
    }

    static QueueCommandLine parse(List<String> args, Map<String, String> environment, String user) throws UsageException {
        String url = Optional.ofNullable(environment.get(PolicyCommandLine.URL_ENVIRONMENT)).filter(value -> !value.isBlank())
            .orElse(PolicyCommandLine.DEFAULT_URL);
        String actor = user;
        boolean json = false;
        boolean help = false;
        boolean held = false;
        boolean all = false;
        List<String> words = new ArrayList<>();
        Map<String, String> selection = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                words.add(arg);
                continue;
            }
            String name = arg;
            Optional<String> inline = Optional.empty();
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inline = Optional.of(arg.substring(equals + 1));
            }
            if (name.equals("-h") || name.equals("--help")) {
                help = true;
            } else if (name.equals("--json") || name.equals("--held") || name.equals("--all")) {
                if (inline.isPresent()) {
                    throw new UsageException(name + " takes no value");
                }
                json |= name.equals("--json");
                held |= name.equals("--held");
                all |= name.equals("--all");
            } else if (name.equals("--url") || name.equals("--actor") || SELECTORS.containsKey(name)) {
                String value = inline.isPresent() ? inline.get() : next(args, ++i, name);
                if (name.equals("--url")) {
                    url = value;
                } else if (name.equals("--actor")) {
                    actor = value;
                } else if (selection.put(SELECTORS.get(name), value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        URI base = PolicyCommandLine.url(url);
        if (actor == null || actor.isBlank() || actor.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("--actor: expected a name without control characters, got '" + actor + "'");
        }
        Optional<String> token = Optional.ofNullable(environment.get(PolicyCommandLine.TOKEN_ENVIRONMENT)).map(String::trim)
            .filter(value -> !value.isEmpty());
        if (token.isPresent() && token.get().chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new UsageException(PolicyCommandLine.TOKEN_ENVIRONMENT + ": a JWT has no white space or control characters");
        }
        if (help || (words.size() == 1 && words.get(0).equals("help"))) {
            return new QueueCommandLine(base, token, json, actor, true, Optional.empty());
        }
        if (words.isEmpty()) {
            throw new UsageException("a command is needed");
        }
        return new QueueCommandLine(base, token, json, actor, false, Optional.of(request(words, selection, held, all)));
    }

    private static Request request(List<String> words, Map<String, String> selection, boolean held, boolean all) throws UsageException {
        String command = words.get(0);
        if (words.size() > 2) {
            throw new UsageException(command + ": unexpected '" + words.get(2) + "'");
        }
        if (words.size() == 2) {
            if (command.equals("list")) {
                throw new UsageException("list: unexpected '" + words.get(1) + "' (select a mail with --name)");
            }
            if (selection.containsKey("name")) {
                throw new UsageException(command + ": the name is given twice");
            }
            selection.put("name", words.get(1));
        }
        if (held && !List.of("list", "show", "delete").contains(command)) {
            throw new UsageException(command + ": --held applies to list, show and delete only");
        }
        String base = held || command.equals("release") ? "/relay/held" : "/relay/queue";
        switch (command) {
            case "list":
                noAll(command, all);
                return new Request("GET", base + query(selection, false), held ? Output.HELD_LIST : Output.LIST);
            case "show":
                noAll(command, all);
                if (selection.size() != 1 || !selection.containsKey("name")) {
                    throw new UsageException("show: give the NAME of one mail, and nothing else");
                }
                return new Request("GET", base + "/" + PolicyCommandLine.segment(selection.get("name")), Output.SHOW);
            case "flush":
                return new Request("POST", base + "/flush" + query(selection, all || selection.isEmpty()), Output.ACTION);
            case "hold":
            case "release":
            case "delete":
                if (selection.isEmpty() && !all) {
                    throw new UsageException(command + ": select mail (NAME, --route, --domain, --sender, --older-than) or give --all");
                }
                String path = command.equals("delete") ? base : base + "/" + command;
                return new Request(command.equals("delete") ? "DELETE" : "POST", path + query(selection, all), Output.ACTION);
            default:
                throw new UsageException("unknown command '" + command + "'");
        }
    }

    private static void noAll(String command, boolean all) throws UsageException {
        if (all) {
            throw new UsageException(command + ": --all applies to hold, release, flush and delete only");
        }
    }

    private static String query(Map<String, String> selection, boolean all) {
        Map<String, String> parameters = new LinkedHashMap<>(selection);
        if (all) {
            parameters.put("all", "true");
        }
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.entrySet().stream()
            .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&", "?", ""));
    }

    private static String next(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }
}
