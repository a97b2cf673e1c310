package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jamesrelay.cli.PolicyRequest.Output;

/**
 * The policy entries that {@code james-relay policy} lists, shows, adds and removes by key: trusted networks, relay
 * domains, sender logins, routes, sender routes, rate limits and front-end filters.
 */
final class EntryCommands {
    private static final String ROUTE_OPTIONS = "[--tls none|may|encrypt|verify] [--credentials NAME] [--balance failover|round-robin]";

    private EntryCommands() {
    }

    static List<CommandGroup> groups() {
        return List.of(
            Resource.at("networks", "CIDR", "trusted network").listed(Output.NETWORKS).shown(Output.NETWORK)
                .saved("add", "[--senders A,@D,...] [--served-senders-only] [--wide]", 0, EntryCommands::network,
                    "--senders", "--served-senders-only", "--wide")
                .removed("").group(),
            Resource.at("domains", "DOMAIN", "relay domain").listed(Output.DOMAINS).shown(Output.DOMAIN)
                .saved("add", "", 0, arguments -> Optional.empty())
                .removed(", with its recipients").group(),
            Resource.at("senders", "LOGIN", "sender login").listed(Output.SENDERS).shown(Output.SENDER)
                .saved("add", "[--owns A,@D,...] [--served-senders-only]", 0, EntryCommands::sender, "--owns", "--served-senders-only")
                .removed("").group(),
            routes("routes", "DESTINATION", "route", Output.ROUTES, Output.ROUTE),
            routes("sender-routes", "SENDER", "sender route", Output.SENDER_ROUTES, Output.SENDER_ROUTE),
            Resource.at("rate-limits", "NAME", "rate limit").listed(Output.RATE_LIMITS).shown(Output.RATE_LIMIT)
                .saved("set", "--scope SCOPE --counts WHAT --max COUNT[/WINDOW]", 0, EntryCommands::rateLimit, "--scope", "--counts", "--max")
                .removed("").group(),
            filters());
    }

    private static Optional<Object> network(CommandArguments arguments) throws UsageException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("senders", arguments.list("--senders", "ADDRESS or @DOMAIN"));
        body.put("servedSendersOnly", arguments.flag("--served-senders-only"));
        if (arguments.flag("--wide")) {
            body.put("wide", true);
        }
        return Optional.of(body);
    }

    private static Optional<Object> sender(CommandArguments arguments) throws UsageException {
        if (!arguments.flag("--owns") && !arguments.flag("--served-senders-only")) {
            throw new UsageException("senders add: give --owns ADDRESS|@DOMAIN,... or --served-senders-only");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("owns", arguments.list("--owns", "ADDRESS or @DOMAIN"));
        body.put("servedSendersOnly", arguments.flag("--served-senders-only"));
        return Optional.of(body);
    }

    private static Optional<Object> rateLimit(CommandArguments arguments) throws UsageException {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String option : List.of("scope", "counts", "max")) {
            body.put(option, arguments.single("--" + option)
                .orElseThrow(() -> new UsageException("usage: rate-limits set NAME --scope SCOPE --counts WHAT --max COUNT[/WINDOW]")));
        }
        return Optional.of(body);
    }

    /** {@code routes} and {@code sender-routes}, whose entries are next hops. */
    private static CommandGroup routes(String group, String key, String what, Output listed, Output shown) {
        return Resource.at(group, key, what).listed(listed).shown(shown)
            .saved("add", "HOPS " + ROUTE_OPTIONS, 1, EntryCommands::route, "--tls", "--credentials", "--balance")
            .removed("").group();
    }

    private static Optional<Object> route(CommandArguments arguments) throws UsageException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hops", hops(arguments.word(3)));
        for (String option : List.of("tls", "credentials", "balance")) {
            arguments.single("--" + option).ifPresent(value -> body.put(option, value));
        }
        return Optional.of(body);
    }

    /** {@code direct}, or next hops separated by commas; the server reads each one. */
    private static List<String> hops(String value) throws UsageException {
        List<String> hops = CommandArguments.items(value);
        if (hops.isEmpty()) {
            throw new UsageException("HOPS: expected direct or [HOST]:PORT[,[HOST]:PORT...], got '" + value + "'");
        }
        return hops;
    }

    /** Attachment rules and header removals by scope (a recipient domain, or {@code *}). */
    private static CommandGroup filters() {
        return Resource.at("filters", "SCOPE", "filter").listed(Output.FILTERS).shown(Output.FILTER)
            .with(Action.of("set-attachments", "filters set-attachments SCOPE --rule 'ACTION CONDITION...' [--rule ...]", 3,
                EntryCommands::setAttachments, "--rule"))
            .with(Action.of("clear-attachments", "filters clear-attachments SCOPE", 3,
                arguments -> clear(arguments, "/attachments", "attachment rules of ")))
            .with(Action.of("set-headers", "filters set-headers SCOPE --remove NAME|PREFIX*,...", 3, EntryCommands::setHeaders, "--remove"))
            .with(Action.of("clear-headers", "filters clear-headers SCOPE", 3, arguments -> clear(arguments, "/headers", "header filter of ")))
            .group();
    }

    private static PolicyRequest setAttachments(CommandArguments arguments) throws UsageException {
        List<Object> rules = new ArrayList<>();
        for (String rule : arguments.values("--rule")) {
            rules.add(AttachmentRuleArgument.read(rule));
        }
        if (rules.isEmpty()) {
            throw new UsageException("filters set-attachments: give at least one --rule 'ACTION CONDITION...' "
                + "(filters clear-attachments removes them all)");
        }
        return PolicyRequest.write("PUT", scopePath(arguments) + "/attachments", Optional.of(Map.of("rules", rules)),
            "attachment rules of " + arguments.word(2) + " saved");
    }

    private static PolicyRequest setHeaders(CommandArguments arguments) throws UsageException {
        List<String> removed = arguments.list("--remove", "NAME or PREFIX*");
        if (removed.isEmpty()) {
            throw new UsageException("filters set-headers: --remove NAME|PREFIX*,... is required");
        }
        return PolicyRequest.write("PUT", scopePath(arguments) + "/headers", Optional.of(Map.of("remove", removed)),
            "header filter of " + arguments.word(2) + " saved");
    }

    private static PolicyRequest clear(CommandArguments arguments, String filter, String what) {
        return PolicyRequest.write("DELETE", scopePath(arguments) + filter, Optional.empty(), what + arguments.word(2) + " removed");
    }

    private static String scopePath(CommandArguments arguments) {
        return "/relay/filters/" + PathSegment.encode(arguments.word(2));
    }
}
