package org.jamesrelay.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jamesrelay.cli.PolicyRequest.Output;

/**
 * Every command of {@code james-relay policy} by its first word: the entries of {@link EntryCommands}, the DKIM keys
 * of {@link DkimCommands}, and here the settings, recipients, antivirus, lockouts and the commands of the whole policy.
 */
final class PolicyCommands {
    private static final String ANTIVIRUS_PATH = "/relay/antivirus";
    private static final Map<String, CommandGroup> GROUPS = groups();

    private PolicyCommands() {
    }

    static PolicyRequest request(ParsedArguments arguments) throws UsageException {
        List<String> words = arguments.words();
        CommandGroup group = GROUPS.get(words.get(0));
        if (group == null) {
            throw new UsageException("unknown command '" + words.get(0) + "'");
        }
        return group.request(words, arguments);
    }

    private static Map<String, CommandGroup> groups() {
        List<CommandGroup> groups = new ArrayList<>(EntryCommands.groups());
        groups.add(recipients());
        groups.add(CommandGroup.of("settings", Optional.of("show"), List.of(
            Action.of("show", "settings show", 2, arguments -> PolicyRequest.get("/relay/settings", Output.SETTINGS)),
            Action.of("set", "settings set NAME VALUE", 4, arguments -> PolicyRequest.write("PUT",
                "/relay/settings/" + PathSegment.encode(arguments.word(2)), Optional.of(arguments.word(3)),
                arguments.word(2) + " set to " + arguments.word(3))))));
        groups.add(antivirus());
        groups.add(CommandGroup.of("lockouts", Optional.of("list"), List.of(
            Action.of("list", "lockouts list", 2, arguments -> PolicyRequest.get("/relay/lockouts", Output.LOCKOUTS)),
            Action.of("lift", "lockouts lift client|network|login KEY", 4, arguments -> PolicyRequest.write("DELETE",
                "/relay/lockouts/" + PathSegment.encode(arguments.word(2)) + "/" + PathSegment.encode(arguments.word(3)), Optional.empty(),
                "lockout of " + arguments.word(2) + " " + arguments.word(3) + " lifted")))));
        groups.add(DkimCommands.group());
        groups.add(CommandGroup.command(Action.of("explain",
            "explain --client IP --sender S --recipient R [--helo H] [--login U] [--tls] [--auth-offered]", 1, PolicyCommands::explain,
            "--client", "--sender", "--recipient", "--helo", "--login", "--tls", "--auth-offered")));
        groups.add(CommandGroup.command(Action.of("export", "export [FILE]", 1, 2, PolicyCommands::export)));
        groups.add(CommandGroup.command(Action.of("import", "import FILE [--if-version V]", 2, PolicyCommands::importPolicy, "--if-version")));
        groups.add(CommandGroup.command(Action.of("audit", "audit [--limit N]", 1, PolicyCommands::audit, "--limit")));
        Map<String, CommandGroup> byName = new LinkedHashMap<>();
        groups.forEach(group -> byName.put(group.name, group));
        return Map.copyOf(byName);
    }

    /** The recipients of a relay domain, under /relay/domains/DOMAIN/recipients. */
    private static CommandGroup recipients() {
        return CommandGroup.of("recipients", Optional.empty(), List.of(
            Action.of("list", "recipients list DOMAIN [--limit N] [--after ADDRESS]", 3, PolicyCommands::recipientsPage, "--limit", "--after"),
            Action.of("add", "recipients add DOMAIN ADDRESS", 4, arguments -> PolicyRequest.write("PUT", recipientPath(arguments),
                Optional.empty(), "relay recipient " + arguments.word(3) + " saved")),
            Action.of("remove", "recipients remove DOMAIN ADDRESS [--force]", 4, arguments -> PolicyRequest.write("DELETE",
                recipientPath(arguments) + (arguments.flag("--force") ? "?force=true" : ""), Optional.empty(),
                "relay recipient " + arguments.word(3) + " removed"), "--force")));
    }

    private static String recipientsPath(CommandArguments arguments) {
        return "/relay/domains/" + PathSegment.encode(arguments.word(2)) + "/recipients";
    }

    /** The whole list, or with --limit or --after one page of it: the last address printed is the --after of the next. */
    private static PolicyRequest recipientsPage(CommandArguments arguments) throws UsageException {
        List<String> query = new ArrayList<>();
        if (arguments.single("--limit").isPresent()) {
            query.add("limit=" + limit(arguments, "1000"));
        }
        arguments.single("--after").ifPresent(after -> query.add("after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
        return PolicyRequest.get(recipientsPath(arguments) + (query.isEmpty() ? "" : "?" + String.join("&", query)), Output.RECIPIENTS);
    }

    private static String recipientPath(CommandArguments arguments) {
        return recipientsPath(arguments) + "/" + PathSegment.encode(arguments.word(3));
    }

    private static CommandGroup antivirus() {
        return CommandGroup.of("antivirus", Optional.of("show"), List.of(
            Action.of("show", "antivirus show", 2, arguments -> PolicyRequest.get(ANTIVIRUS_PATH, Output.ANTIVIRUS)),
            Action.of("set", "antivirus set --clamd [HOST]:PORT [--timeout 30s] [--on-virus reject|quarantine] [--on-failure tempfail|accept]",
                2, PolicyCommands::setAntivirus, "--clamd", "--timeout", "--on-virus", "--on-failure"),
            Action.of("remove", "antivirus remove", 2, arguments -> PolicyRequest.write("DELETE", ANTIVIRUS_PATH, Optional.empty(),
                "antivirus removed"))));
    }

    private static PolicyRequest setAntivirus(CommandArguments arguments) throws UsageException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clamd", arguments.required("--clamd"));
        arguments.single("--timeout").ifPresent(timeout -> body.put("timeout", timeout));
        arguments.single("--on-virus").ifPresent(onVirus -> body.put("onVirus", onVirus));
        arguments.single("--on-failure").ifPresent(onFailure -> body.put("onFailure", onFailure));
        return PolicyRequest.write("PUT", ANTIVIRUS_PATH, Optional.of(body), "antivirus saved");
    }

    private static PolicyRequest explain(CommandArguments arguments) throws UsageException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client", arguments.required("--client"));
        arguments.single("--helo").ifPresent(helo -> body.put("helo", helo));
        arguments.single("--login").ifPresent(login -> body.put("login", login));
        body.put("tls", arguments.flag("--tls"));
        body.put("authOffered", arguments.flag("--auth-offered"));
        body.put("sender", arguments.required("--sender"));
        body.put("recipient", arguments.required("--recipient"));
        return PolicyRequest.send("POST", "/relay/explain", Optional.of(body), Output.EXPLAIN, "");
    }

    /** To FILE, or to standard output without one or with {@code -}. */
    private static PolicyRequest export(CommandArguments arguments) {
        Optional<Path> file = Optional.of(arguments).filter(command -> command.wordCount() == 2 && !command.word(1).equals("-"))
            .map(command -> Paths.get(command.word(1)));
        return new PolicyRequest("GET", "/relay/policy", Optional.empty(), Optional.empty(), file, Map.of(), Output.EXPORT, "");
    }

    /** From FILE ({@code -}: standard input); with {@code --if-version}, only over that version. */
    private static PolicyRequest importPolicy(CommandArguments arguments) throws UsageException {
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<String> version = arguments.single("--if-version");
        if (version.isPresent()) {
            if (!version.get().matches("\\d+")) {
                throw new UsageException("--if-version: expected a version number (see export), got '" + version.get() + "'");
            }
            headers.put("If-Match", "\"" + version.get() + "\"");
        }
        return new PolicyRequest("PUT", "/relay/policy", Optional.empty(), Optional.of(Paths.get(arguments.word(1))), Optional.empty(),
            headers, Output.IMPORT, "policy imported from " + arguments.word(1));
    }

    private static PolicyRequest audit(CommandArguments arguments) throws UsageException {
        return PolicyRequest.get("/relay/audit?limit=" + limit(arguments, "20"), Output.AUDIT);
    }

    private static String limit(CommandArguments arguments, String byDefault) throws UsageException {
        String limit = arguments.single("--limit").orElse(byDefault);
        if (!limit.matches("\\d{1,5}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > 10_000) {
            throw new UsageException("--limit: expected a number from 1 to 10000, got '" + limit + "'");
        }
        return limit;
    }
}
