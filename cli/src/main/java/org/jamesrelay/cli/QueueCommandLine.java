package org.jamesrelay.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

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
        "  --url URL      WebAdmin of the relay [JAMES_RELAY_WEBADMIN, default: " + WebAdminCommandLine.DEFAULT_URL + "]",
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

    private QueueCommandLine() {
    }

    static WebAdminCommandLine<Request> parse(List<String> args, Map<String, String> environment, String user) throws UsageException {
        Options options = WebAdminCommandLine.globalOptions()
            .addOption(Option.builder().longOpt("held").build())
            .addOption(Option.builder().longOpt("all").build());
        SELECTORS.keySet().forEach(name -> options.addOption(Option.builder().longOpt(name.substring(2)).hasArg().build()));
        return WebAdminCommandLine.read(ParsedArguments.parse(options, args), environment, user, QueueCommandLine::request);
    }

    private static Request request(ParsedArguments arguments) throws UsageException {
        Map<String, String> selection = new LinkedHashMap<>();
        for (String option : arguments.given()) {
            if (SELECTORS.containsKey(option)) {
                if (arguments.count(option) > 1) {
                    throw new UsageException(option + " is given twice");
                }
                selection.put(SELECTORS.get(option), arguments.first(option).orElseThrow());
            }
        }
        return request(arguments.words(), selection, arguments.has("--held"), arguments.has("--all"));
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
                return new Request("GET", base + "/" + PathSegment.encode(selection.get("name")), Output.SHOW);
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
}
