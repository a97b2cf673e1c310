package org.jamesrelay.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@code james-relay policy}: global options anywhere, then {@code GROUP ACTION [ARGUMENTS]
 * [OPTIONS]}, read into the one WebAdmin request it stands for.
 */
final class PolicyCommandLine {
    static final String DEFAULT_URL = "http://127.0.0.1:8000";
    static final String URL_ENVIRONMENT = "JAMES_RELAY_WEBADMIN";
    /** A JWT for a WebAdmin with {@code jwt.enabled=true}; an environment variable only, to keep it out of process lists. */
    static final String TOKEN_ENVIRONMENT = "JAMES_RELAY_WEBADMIN_TOKEN";
    static final String ACTOR_HEADER = "X-Relay-Actor";

    static final String USAGE = String.join("\n",
        "Usage: james-relay policy [--url URL] [--json] [--actor NAME] COMMAND",
        "",
        "Reads and changes the relay policy of a running James Relay through its WebAdmin routes (/relay/...).",
        "Every change is validated against the whole policy, applied at once and recorded in the audit trail.",
        "",
        "Commands:",
        "  networks list                          trusted networks",
        "  networks show CIDR",
        "  networks add CIDR [--senders A,@D,...] [--served-senders-only] [--wide]",
        "                                         trust a network (or replace the options of a trusted one);",
        "                                         --wide is needed for one wider than /8 (IPv4) or /16 (IPv6)",
        "  networks remove CIDR",
        "  domains list                           relay domains, with their recipients",
        "  domains show DOMAIN",
        "  domains add DOMAIN",
        "  domains remove DOMAIN                  (and its recipients)",
        "  recipients list DOMAIN                 the valid recipients of a relay domain",
        "  recipients add DOMAIN ADDRESS",
        "  recipients remove DOMAIN ADDRESS [--force]",
        "                                         --force: even the last one (the domain then accepts any recipient)",
        "  senders list                           sender logins: what each login may send as",
        "  senders show LOGIN",
        "  senders add LOGIN [--owns A,@D,...] [--served-senders-only]",
        "  senders remove LOGIN",
        "  settings show",
        "  settings set NAME VALUE                NAME: relayMode (policy|open-relay), authenticatedRelay",
        "                                         (allow|tls-only|off), authenticatedRelayServedSendersOnly,",
        "                                         servedSendersOnly, localSendersRequireLogin, senderRoutesFirst (yes|no)",
        "  routes list                            where relayed mail goes, by destination then by sender",
        "  routes show DESTINATION                DESTINATION: user@domain, domain, .domain (its subdomains) or '*'",
        "  routes add DESTINATION HOPS [--tls none|may|encrypt|verify] [--credentials NAME] [--balance failover|round-robin]",
        "                                         HOPS: direct (the MX of the recipient's domain) or [HOST]:PORT,...",
        "                                         (replaces the route of DESTINATION)",
        "  routes remove DESTINATION",
        "  sender-routes list                     routes by sender: SENDER is user@domain or @domain",
        "  sender-routes show SENDER",
        "  sender-routes add SENDER HOPS [--tls ...] [--credentials NAME] [--balance ...]",
        "  sender-routes remove SENDER",
        "  filters list                           the front-end filter: attachment rules and header removals by",
        "                                         scope, and the antivirus",
        "  filters show SCOPE                     SCOPE: a recipient domain, or '*' for every domain without its own",
        "  filters set-attachments SCOPE --rule 'ACTION CONDITION...' [--rule ...]",
        "                                         ACTION: strip|quarantine|reject; CONDITION: names=GLOB,...",
        "                                         types=TYPE,... sniffed=KIND,... encrypted-archives larger-than=SIZE",
        "                                         unparseable (replaces every attachment rule of SCOPE)",
        "  filters clear-attachments SCOPE",
        "  filters set-headers SCOPE --remove NAME|PREFIX*,...",
        "                                         headers removed from mail to SCOPE (replaces its header filter)",
        "  filters clear-headers SCOPE",
        "  antivirus show                         the clamd that scans every mail",
        "  antivirus set --clamd [HOST]:PORT [--timeout 30s] [--on-virus reject|quarantine]",
        "                [--on-failure tempfail|accept]",
        "  antivirus remove",
        "  explain --client IP --sender S --recipient R [--helo H] [--login U] [--tls] [--auth-offered]",
        "                                         what the relay would answer, which rule decides, and whether the",
        "                                         mail would be DKIM-signed (From: of the sender's domain); sends nothing",
        "  dkim list                              DKIM signing domains and their active selectors",
        "  dkim show DOMAIN                       every key of DOMAIN, with the TXT record to publish",
        "  dkim add DOMAIN SELECTOR [--algorithm rsa-sha256|ed25519-sha256] [--bits N] [--active|--standby]",
        "                                         generate a key pair (RSA 2048 bits by default) and print the DNS",
        "                                         record; the first key of an algorithm is active, later ones standby",
        "  dkim import DOMAIN SELECTOR PEMFILE [--active|--standby]",
        "                                         an existing private key (PKCS#8 or PKCS#1 PEM; - reads stdin)",
        "  dkim activate DOMAIN SELECTOR          sign with SELECTOR from now on (rotation: publish its record first)",
        "  dkim retire DOMAIN SELECTOR            remove a key (keep its record published until old mail is read)",
        "  dkim set DOMAIN [--subdomains yes|no] [--on-failure hold|send-unsigned]",
        "                                         sign mail of subdomains too; what a signing failure does",
        "  export [FILE]                          the whole policy as text, to FILE or standard output",
        "  import FILE [--if-version V]           replace the whole policy (FILE - reads standard input); with",
        "                                         --if-version, only if it is still at version V (see export)",
        "  audit [--limit N]                      the recorded changes, newest first [default: 20]",
        "  rate-limits list                       the rate limits (see docs/configuration.md#rate-limit)",
        "  rate-limits show NAME",
        "  rate-limits set NAME --scope client|network|login|sender-domain|relay-domain",
        "                --counts sessions|connections|messages|recipients|bytes --max COUNT[/WINDOW]",
        "  rate-limits remove NAME",
        "  lockouts list                          clients, networks and logins refused AUTH after too many failed",
        "                                         logins, on the node of --url",
        "  lockouts lift client|network|login KEY lift one (KEY: 192.0.2.7, 192.0.2.0/24 or alice@example.com)",
        "",
        "Options:",
        "  --url URL      WebAdmin of the relay [JAMES_RELAY_WEBADMIN, default: " + DEFAULT_URL + "]",
        "  --json         print the server's JSON answer instead of a table",
        "  --actor NAME   who makes the change, for the audit trail [default: the operating system user]",
        "  -h, --help     show this message",
        "",
        "Environment: JAMES_RELAY_WEBADMIN (the URL), JAMES_RELAY_WEBADMIN_TOKEN (a JWT, sent as a bearer token,",
        "for a WebAdmin with jwt.enabled=true).",
        "",
        "Exit status: 0 done, 1 refused by the server (its message is printed), 2 usage error,",
        "3 WebAdmin cannot be reached.");

    /** What to do with the answer of the server. */
    enum Output {
        NETWORKS, NETWORK, DOMAINS, DOMAIN, RECIPIENTS, SENDERS, SENDER, SETTINGS, ROUTES, ROUTE, SENDER_ROUTES, SENDER_ROUTE, FILTERS,
        FILTER, ANTIVIRUS, EXPLAIN, EXPORT, IMPORT, AUDIT, LOCKOUTS, RATE_LIMITS, RATE_LIMIT, WRITE, DKIM_DOMAINS, DKIM_DOMAIN, DKIM_KEY,
        DKIM_WRITE
    }

    /** One WebAdmin request, and how to show its answer. */
    static final class Request {
        final String method;
        final String path;
        final Optional<String> json;
        final Optional<Path> importFile;
        final Optional<Path> exportFile;
        final Map<String, String> headers;
        final Output output;
        /** For a write: what was done, e.g. {@code trusted network 192.0.2.0/24 saved}. */
        final String done;

        Request(String method, String path, Optional<String> json, Optional<Path> importFile, Optional<Path> exportFile,
                        Map<String, String> headers, Output output, String done) {
            this.method = method;
            this.path = path;
            this.json = json;
            this.importFile = importFile;
            this.exportFile = exportFile;
            this.headers = Map.copyOf(headers);
            this.output = output;
            this.done = done;
        }

        static Request get(String path, Output output) {
            return new Request("GET", path, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), output, "");
        }

        private static Request write(String method, String path, Optional<String> json, String done) {
            return new Request(method, path, json, Optional.empty(), Optional.empty(), Map.of(), Output.WRITE, done);
        }
    }

    final URI url;
    final Optional<String> token;
    final boolean json;
    final String actor;
    final boolean help;
    final Optional<Request> request;

    private PolicyCommandLine(URI url, Optional<String> token, boolean json, String actor, boolean help, Optional<Request> request) {
        this.url = url;
        this.token = token;
        this.json = json;
        this.actor = actor;
        this.help = help;
        this.request = request;
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private static final Set<String> VALUE_OPTIONS = Set.of("--senders", "--owns", "--client", "--helo", "--login", "--sender",
        "--recipient", "--limit", "--if-version", "--credentials", "--balance", "--rule", "--remove", "--clamd", "--timeout", "--on-virus",
        "--on-failure", "--algorithm", "--bits", "--subdomains", "--scope", "--counts", "--max");
    private static final Set<String> FLAG_OPTIONS = Set.of("--served-senders-only", "--wide", "--tls", "--auth-offered", "--force",
        "--active", "--standby");
    /** {@code --tls} is a flag of explain, and takes the TLS policy of a route in these groups. */
    private static final Set<String> ROUTE_GROUPS = Set.of("routes", "sender-routes");
    /** The options that may be given more than once, their values adding up. */
    private static final Set<String> REPEATABLE_OPTIONS = Set.of("--senders", "--owns", "--rule", "--remove");

    /**
     * @param environment for {@code JAMES_RELAY_WEBADMIN}
     * @param user the default actor
     */
    static PolicyCommandLine parse(List<String> args, Map<String, String> environment, String user) throws UsageException {
        String url = Optional.ofNullable(environment.get(URL_ENVIRONMENT)).filter(value -> !value.isBlank()).orElse(DEFAULT_URL);
        boolean json = false;
        boolean help = false;
        String actor = user;
        List<String> words = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        boolean onlyWords = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyWords || arg.equals("-") || !arg.startsWith("-")) {
                words.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyWords = true;
                continue;
            }
            String name = arg;
            Optional<String> inlineValue = Optional.empty();
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = Optional.of(arg.substring(equals + 1));
            }
            switch (name) {
                case "-h":
                case "--help":
                    help = true;
                    continue;
                case "--json":
                    json = true;
                    noValue(name, inlineValue);
                    continue;
                case "--url":
                case "--actor": {
                    String value = inlineValue.isPresent() ? inlineValue.get() : next(args, ++i, name);
                    if (name.equals("--url")) {
                        url = value;
                    } else {
                        actor = value;
                    }
                    continue;
                }
                default:
                    break;
            }
            boolean routeCommand = !words.isEmpty() && ROUTE_GROUPS.contains(words.get(0));
            if (VALUE_OPTIONS.contains(name) || (routeCommand && name.equals("--tls"))) {
                String value = inlineValue.isPresent() ? inlineValue.get() : next(args, ++i, name);
                options.computeIfAbsent(name, any -> new ArrayList<>()).add(value);
            } else if (FLAG_OPTIONS.contains(name)) {
                noValue(name, inlineValue);
                options.computeIfAbsent(name, any -> new ArrayList<>()).add("");
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        URI base = url(url);
        if (actor == null || actor.isBlank() || actor.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("--actor: expected a name without control characters, got '" + actor + "'");
        }
        Optional<String> token = Optional.ofNullable(environment.get(TOKEN_ENVIRONMENT)).map(String::trim).filter(value -> !value.isEmpty());
        if (token.isPresent() && token.get().chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new UsageException(TOKEN_ENVIRONMENT + ": a JWT has no white space or control characters");
        }
        if (help || (words.size() == 1 && words.get(0).equals("help"))) {
            return new PolicyCommandLine(base, token, json, actor, true, Optional.empty());
        }
        if (words.isEmpty()) {
            throw new UsageException("a command is needed");
        }
        return new PolicyCommandLine(base, token, json, actor, false, Optional.of(new Command(words, options).request()));
    }

    private static String next(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static void noValue(String option, Optional<String> inlineValue) throws UsageException {
        if (inlineValue.isPresent()) {
            throw new UsageException(option + " takes no value");
        }
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

    /** A path segment, percent-encoded: a network such as 192.0.2.0/24 is one segment. */
    static String segment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", (int) c));
            }
        }
        return encoded.toString();
    }

    /** What a group without an action does: {@code networks} lists them. */
    private static final Map<String, String> DEFAULT_ACTIONS = Map.ofEntries(Map.entry("networks", "list"), Map.entry("domains", "list"),
        Map.entry("senders", "list"), Map.entry("settings", "show"), Map.entry("routes", "list"), Map.entry("sender-routes", "list"),
        Map.entry("filters", "list"), Map.entry("antivirus", "show"), Map.entry("dkim", "list"), Map.entry("lockouts", "list"),
        Map.entry("rate-limits", "list"));

    /** The words and options after the global ones, read as one command. */
    private static final class Command {
        private final List<String> words;
        private final Map<String, List<String>> options;
        private final String name;

        Command(List<String> words, Map<String, List<String>> options) {
            this.words = new ArrayList<>(words);
            if (this.words.size() == 1 && DEFAULT_ACTIONS.containsKey(words.get(0))) {
                this.words.add(DEFAULT_ACTIONS.get(words.get(0)));
            }
            this.options = options;
            boolean hasActions = DEFAULT_ACTIONS.containsKey(this.words.get(0)) || this.words.get(0).equals("recipients");
            this.name = hasActions && this.words.size() > 1 ? this.words.get(0) + " " + this.words.get(1) : this.words.get(0);
        }

        Request request() throws UsageException {
            String group = words.get(0);
            String action = words.size() > 1 ? words.get(1) : "";
            switch (group) {
                case "networks":
                    return networks(action);
                case "domains":
                    return domains(action);
                case "recipients":
                    return recipients(action);
                case "senders":
                    return senders(action);
                case "settings":
                    return settings(action);
                case "routes":
                    return routes(group, "route", "DESTINATION", Output.ROUTES, Output.ROUTE, action);
                case "sender-routes":
                    return routes(group, "sender route", "SENDER", Output.SENDER_ROUTES, Output.SENDER_ROUTE, action);
                case "filters":
                    return filters(action);
                case "antivirus":
                    return antivirus(action);
                case "explain":
                    return explain();
                case "export":
                    return export();
                case "import":
                    return importPolicy();
                case "audit":
                    return audit();
                case "dkim":
                    return DkimCommand.request(words, options);
                case "lockouts":
                    return lockouts(action);
                case "rate-limits":
                    return rateLimits(action);
                default:
                    throw new UsageException("unknown command '" + group + "'");
            }
        }

        private Request networks(String action) throws UsageException {
            switch (action) {
                case "list":
                    return list("networks", Output.NETWORKS);
                case "show":
                    return show("networks", "CIDR", Output.NETWORK);
                case "add": {
                    arguments(3, "networks add CIDR [--senders A,@D,...] [--served-senders-only] [--wide]", "--senders", "--served-senders-only", "--wide");
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("senders", list("--senders", "ADDRESS or @DOMAIN"));
                    body.put("servedSendersOnly", flag("--served-senders-only"));
                    if (flag("--wide")) {
                        body.put("wide", true);
                    }
                    return save("networks", Optional.of(Json.write(body)), "trusted network");
                }
                case "remove":
                    return remove("networks", "CIDR", "trusted network", "");
                default:
                    throw unknownAction("networks", "list, show, add, remove");
            }
        }

        private Request domains(String action) throws UsageException {
            switch (action) {
                case "list":
                    return list("domains", Output.DOMAINS);
                case "show":
                    return show("domains", "DOMAIN", Output.DOMAIN);
                case "add":
                    arguments(3, "domains add DOMAIN");
                    return save("domains", Optional.empty(), "relay domain");
                case "remove":
                    return remove("domains", "DOMAIN", "relay domain", ", with its recipients");
                default:
                    throw unknownAction("domains", "list, show, add, remove");
            }
        }

        private Request recipients(String action) throws UsageException {
            switch (action) {
                case "list":
                    arguments(3, "recipients list DOMAIN");
                    return Request.get(recipientsPath(), Output.RECIPIENTS);
                case "add":
                    arguments(4, "recipients add DOMAIN ADDRESS");
                    return Request.write("PUT", recipientsPath() + "/" + segment(words.get(3)), Optional.empty(),
                        "relay recipient " + words.get(3) + " saved");
                case "remove":
                    arguments(4, "recipients remove DOMAIN ADDRESS [--force]", "--force");
                    return Request.write("DELETE", recipientsPath() + "/" + segment(words.get(3)) + (flag("--force") ? "?force=true" : ""),
                        Optional.empty(), "relay recipient " + words.get(3) + " removed");
                default:
                    throw unknownAction("recipients", "list, add, remove");
            }
        }

        private String recipientsPath() {
            return "/relay/domains/" + segment(words.get(2)) + "/recipients";
        }

        private Request senders(String action) throws UsageException {
            switch (action) {
                case "list":
                    return list("senders", Output.SENDERS);
                case "show":
                    return show("senders", "LOGIN", Output.SENDER);
                case "add": {
                    arguments(3, "senders add LOGIN [--owns A,@D,...] [--served-senders-only]", "--owns", "--served-senders-only");
                    if (!options.containsKey("--owns") && !options.containsKey("--served-senders-only")) {
                        throw new UsageException("senders add: give --owns ADDRESS|@DOMAIN,... or --served-senders-only");
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("owns", list("--owns", "ADDRESS or @DOMAIN"));
                    body.put("servedSendersOnly", flag("--served-senders-only"));
                    return save("senders", Optional.of(Json.write(body)), "sender login");
                }
                case "remove":
                    return remove("senders", "LOGIN", "sender login", "");
                default:
                    throw unknownAction("senders", "list, show, add, remove");
            }
        }

        private Request settings(String action) throws UsageException {
            switch (action) {
                case "show":
                    arguments(2, "settings show");
                    return Request.get("/relay/settings", Output.SETTINGS);
                case "set":
                    arguments(4, "settings set NAME VALUE");
                    return Request.write("PUT", "/relay/settings/" + segment(words.get(2)), Optional.of(Json.write(words.get(3))),
                        words.get(2) + " set to " + words.get(3));
                default:
                    throw unknownAction("settings", "show, set");
            }
        }

        /** {@code routes} and {@code sender-routes}, under {@code /relay/GROUP}. */
        private Request routes(String group, String what, String argument, Output listed, Output shown, String action) throws UsageException {
            switch (action) {
                case "list":
                    return list(group, listed);
                case "show":
                    return show(group, argument, shown);
                case "add": {
                    arguments(4, group + " add " + argument + " HOPS [--tls none|may|encrypt|verify] [--credentials NAME] "
                        + "[--balance failover|round-robin]", "--tls", "--credentials", "--balance");
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("hops", hops(words.get(3)));
                    for (String option : List.of("tls", "credentials", "balance")) {
                        single("--" + option).ifPresent(value -> body.put(option, value));
                    }
                    return save(group, Optional.of(Json.write(body)), what);
                }
                case "remove":
                    return remove(group, argument, what, "");
                default:
                    throw unknownAction(group, "list, show, add, remove");
            }
        }

        /** {@code direct}, or next hops separated by commas; the server reads each one. */
        private static List<String> hops(String value) throws UsageException {
            List<String> hops = new ArrayList<>();
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
            if (hops.isEmpty()) {
                throw new UsageException("HOPS: expected direct or [HOST]:PORT[,[HOST]:PORT...], got '" + value + "'");
            }
            return hops;
        }

        private Request filters(String action) throws UsageException {
            switch (action) {
                case "list":
                    return list("filters", Output.FILTERS);
                case "show":
                    return show("filters", "SCOPE", Output.FILTER);
                case "set-attachments": {
                    arguments(3, "filters set-attachments SCOPE --rule 'ACTION CONDITION...' [--rule ...]", "--rule");
                    List<Object> rules = new ArrayList<>();
                    for (String rule : options.getOrDefault("--rule", List.of())) {
                        rules.add(AttachmentRuleArgument.read(rule));
                    }
                    if (rules.isEmpty()) {
                        throw new UsageException("filters set-attachments: give at least one --rule 'ACTION CONDITION...' "
                            + "(filters clear-attachments removes them all)");
                    }
                    return Request.write("PUT", scopePath() + "/attachments", Optional.of(Json.write(Map.of("rules", rules))),
                        "attachment rules of " + words.get(2) + " saved");
                }
                case "clear-attachments":
                    arguments(3, "filters clear-attachments SCOPE");
                    return Request.write("DELETE", scopePath() + "/attachments", Optional.empty(), "attachment rules of " + words.get(2) + " removed");
                case "set-headers": {
                    arguments(3, "filters set-headers SCOPE --remove NAME|PREFIX*,...", "--remove");
                    List<String> removed = list("--remove", "NAME or PREFIX*");
                    if (removed.isEmpty()) {
                        throw new UsageException("filters set-headers: --remove NAME|PREFIX*,... is required");
                    }
                    return Request.write("PUT", scopePath() + "/headers", Optional.of(Json.write(Map.of("remove", removed))),
                        "header filter of " + words.get(2) + " saved");
                }
                case "clear-headers":
                    arguments(3, "filters clear-headers SCOPE");
                    return Request.write("DELETE", scopePath() + "/headers", Optional.empty(), "header filter of " + words.get(2) + " removed");
                default:
                    throw unknownAction("filters", "list, show, set-attachments, clear-attachments, set-headers, clear-headers");
            }
        }

        private String scopePath() {
            return entryPath("filters");
        }

        /** {@code GROUP list}: GET /relay/GROUP. */
        private Request list(String group, Output output) throws UsageException {
            arguments(2, group + " list");
            return Request.get("/relay/" + group, output);
        }

        /** {@code GROUP show KEY}: GET /relay/GROUP/KEY. */
        private Request show(String group, String key, Output output) throws UsageException {
            arguments(3, group + " show " + key);
            return Request.get(entryPath(group), output);
        }

        /** PUT /relay/GROUP/KEY, once the caller has checked the arguments; {@code what} names the entry in the answer. */
        private Request save(String group, Optional<String> body, String what) {
            return Request.write("PUT", entryPath(group), body, what + " " + words.get(2) + " saved");
        }

        /** {@code GROUP remove KEY}: DELETE /relay/GROUP/KEY; the answer names the entry, then {@code detail}. */
        private Request remove(String group, String key, String what, String detail) throws UsageException {
            arguments(3, group + " remove " + key);
            return Request.write("DELETE", entryPath(group), Optional.empty(), what + " " + words.get(2) + " removed" + detail);
        }

        private String entryPath(String group) {
            return "/relay/" + group + "/" + segment(words.get(2));
        }

        private Request antivirus(String action) throws UsageException {
            String path = "/relay/antivirus";
            switch (action) {
                case "show":
                    arguments(2, "antivirus show");
                    return Request.get(path, Output.ANTIVIRUS);
                case "set": {
                    arguments(2, "antivirus set --clamd [HOST]:PORT [--timeout 30s] [--on-virus reject|quarantine] [--on-failure tempfail|accept]",
                        "--clamd", "--timeout", "--on-virus", "--on-failure");
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("clamd", required("--clamd"));
                    single("--timeout").ifPresent(timeout -> body.put("timeout", timeout));
                    single("--on-virus").ifPresent(onVirus -> body.put("onVirus", onVirus));
                    single("--on-failure").ifPresent(onFailure -> body.put("onFailure", onFailure));
                    return Request.write("PUT", path, Optional.of(Json.write(body)), "antivirus saved");
                }
                case "remove":
                    arguments(2, "antivirus remove");
                    return Request.write("DELETE", path, Optional.empty(), "antivirus removed");
                default:
                    throw unknownAction("antivirus", "show, set, remove");
            }
        }

        private Request explain() throws UsageException {
            arguments(1, "explain --client IP --sender S --recipient R [--helo H] [--login U] [--tls] [--auth-offered]",
                "--client", "--sender", "--recipient", "--helo", "--login", "--tls", "--auth-offered");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("client", required("--client"));
            single("--helo").ifPresent(helo -> body.put("helo", helo));
            single("--login").ifPresent(login -> body.put("login", login));
            body.put("tls", flag("--tls"));
            body.put("authOffered", flag("--auth-offered"));
            body.put("sender", required("--sender"));
            body.put("recipient", required("--recipient"));
            return new Request("POST", "/relay/explain", Optional.of(Json.write(body)), Optional.empty(), Optional.empty(), Map.of(),
                Output.EXPLAIN, "");
        }

        private Request export() throws UsageException {
            if (words.size() > 2) {
                throw new UsageException("usage: export [FILE]");
            }
            arguments(words.size(), "export [FILE]");
            Optional<Path> file = words.size() == 2 && !words.get(1).equals("-") ? Optional.of(Paths.get(words.get(1))) : Optional.empty();
            return new Request("GET", "/relay/policy", Optional.empty(), Optional.empty(), file, Map.of(), Output.EXPORT, "");
        }

        private Request importPolicy() throws UsageException {
            arguments(2, "import FILE [--if-version V]", "--if-version");
            Map<String, String> headers = new LinkedHashMap<>();
            Optional<String> version = single("--if-version");
            if (version.isPresent()) {
                if (!version.get().matches("\\d+")) {
                    throw new UsageException("--if-version: expected a version number (see export), got '" + version.get() + "'");
                }
                headers.put("If-Match", "\"" + version.get() + "\"");
            }
            return new Request("PUT", "/relay/policy", Optional.empty(), Optional.of(Paths.get(words.get(1))), Optional.empty(),
                headers, Output.IMPORT, "policy imported from " + words.get(1));
        }

        private Request rateLimits(String action) throws UsageException {
            switch (action) {
                case "list":
                    return list("rate-limits", Output.RATE_LIMITS);
                case "show":
                    return show("rate-limits", "NAME", Output.RATE_LIMIT);
                case "set": {
                    String usage = "rate-limits set NAME --scope SCOPE --counts WHAT --max COUNT[/WINDOW]";
                    arguments(3, usage, "--scope", "--counts", "--max");
                    Map<String, Object> body = new LinkedHashMap<>();
                    for (String option : List.of("scope", "counts", "max")) {
                        body.put(option, single("--" + option).orElseThrow(() -> new UsageException("usage: " + usage)));
                    }
                    return save("rate-limits", Optional.of(Json.write(body)), "rate limit");
                }
                case "remove":
                    return remove("rate-limits", "NAME", "rate limit", "");
                default:
                    throw unknownAction("rate-limits", "list, show, set, remove");
            }
        }

        private Request lockouts(String action) throws UsageException {
            switch (action) {
                case "list":
                    return list("lockouts", Output.LOCKOUTS);
                case "lift":
                    arguments(4, "lockouts lift client|network|login KEY");
                    return Request.write("DELETE", "/relay/lockouts/" + segment(words.get(2)) + "/" + segment(words.get(3)), Optional.empty(),
                        "lockout of " + words.get(2) + " " + words.get(3) + " lifted");
                default:
                    throw unknownAction("lockouts", "list, lift");
            }
        }

        private Request audit() throws UsageException {
            arguments(1, "audit [--limit N]", "--limit");
            String limit = single("--limit").orElse("20");
            if (!limit.matches("\\d{1,5}") || Integer.parseInt(limit) < 1) {
                throw new UsageException("--limit: expected a number from 1 to 10000, got '" + limit + "'");
            }
            return Request.get("/relay/audit?limit=" + limit, Output.AUDIT);
        }

        /** Exactly {@code count} words, and no option but {@code allowed}. */
        private void arguments(int count, String usage, String... allowed) throws UsageException {
            if (words.size() != count) {
                throw new UsageException("usage: " + usage);
            }
            Set<String> permitted = Set.of(allowed);
            for (String option : options.keySet()) {
                if (!permitted.contains(option)) {
                    throw new UsageException(name + ": unknown option " + option + " (usage: " + usage + ")");
                }
            }
            for (Map.Entry<String, List<String>> option : options.entrySet()) {
                if (option.getValue().size() > 1 && !REPEATABLE_OPTIONS.contains(option.getKey())) {
                    throw new UsageException(option.getKey() + " is given twice");
                }
            }
        }

        private UsageException unknownAction(String group, String actions) {
            String action = words.size() > 1 ? words.get(1) : "";
            return new UsageException(action.isEmpty() ? group + ": an action is needed: " + actions
                : group + ": unknown action '" + action + "'; the actions are " + actions);
        }

        /** A comma-separated option, which may also be repeated; {@code what} names one item. */
        private List<String> list(String option, String what) throws UsageException {
            List<String> items = new ArrayList<>();
            for (String value : options.getOrDefault(option, List.of())) {
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        items.add(item.trim());
                    }
                }
            }
            if (options.containsKey(option) && items.isEmpty()) {
                throw new UsageException(option + " needs at least one " + what);
            }
            return items;
        }

        private boolean flag(String option) {
            return options.containsKey(option);
        }

        private Optional<String> single(String option) {
            return Optional.ofNullable(options.get(option)).map(values -> values.get(0));
        }

        private String required(String option) throws UsageException {
            return single(option).orElseThrow(() -> new UsageException(name + ": " + option + " is required"));
        }
    }
}
