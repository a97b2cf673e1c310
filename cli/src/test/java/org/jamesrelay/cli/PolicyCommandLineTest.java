package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jamesrelay.cli.PolicyRequest.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyCommandLineTest {
    private static WebAdminCommandLine<PolicyRequest> parse(String... args) throws UsageException {
        return PolicyCommandLine.parse(List.of(args), Map.of(), "operator");
    }

    private static PolicyRequest request(String... args) throws UsageException {
        return parse(args).request.orElseThrow();
    }

    private static void usageError(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void globalOptionsShouldHaveDefaults() throws Exception {
        WebAdminCommandLine<PolicyRequest> commandLine = parse("networks", "list");

        assertThat(commandLine.url.toString()).isEqualTo("http://127.0.0.1:8000");
        assertThat(commandLine.json).isFalse();
        assertThat(commandLine.actor).isEqualTo("operator");
    }

    @Test
    void globalOptionsShouldBeAcceptedAnywhere() throws Exception {
        WebAdminCommandLine<PolicyRequest> commandLine = parse("networks", "--json", "list", "--url", "http://127.0.0.1:8123/", "--actor=ci");

        assertThat(commandLine.url.toString()).isEqualTo("http://127.0.0.1:8123");
        assertThat(commandLine.json).isTrue();
        assertThat(commandLine.actor).isEqualTo("ci");
    }

    @Test
    void urlShouldComeFromTheEnvironmentUnlessGiven() throws Exception {
        Map<String, String> environment = Map.of(WebAdminCommandLine.URL_ENVIRONMENT, "http://relay.example:8000");

        assertThat(PolicyCommandLine.parse(List.of("audit"), environment, "x").url.toString()).isEqualTo("http://relay.example:8000");
        assertThat(PolicyCommandLine.parse(List.of("audit", "--url", "https://other:9"), environment, "x").url.toString()).isEqualTo("https://other:9");
    }

    @Test
    void tokenShouldComeFromTheEnvironmentOnly() throws Exception {
        assertThat(parse("audit").token).isEmpty();
        assertThat(PolicyCommandLine.parse(List.of("audit"), Map.of(WebAdminCommandLine.TOKEN_ENVIRONMENT, " eyJ.x.y\n"), "x").token).contains("eyJ.x.y");
        assertThatThrownBy(() -> PolicyCommandLine.parse(List.of("audit"), Map.of(WebAdminCommandLine.TOKEN_ENVIRONMENT, "a b"), "x"))
            .hasMessage("JAMES_RELAY_WEBADMIN_TOKEN: a JWT has no white space or control characters");
    }

    @Test
    void helpShouldNeedNoCommand() throws Exception {
        assertThat(parse("--help").help).isTrue();
        assertThat(parse("help").help).isTrue();
        assertThat(parse("networks", "add", "-h").help).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "networks list|GET|/relay/networks|NETWORKS",
        "networks|GET|/relay/networks|NETWORKS",
        "networks show 2001:db8::/32|GET|/relay/networks/2001%3Adb8%3A%3A%2F32|NETWORK",
        "networks remove 192.0.2.0/24|DELETE|/relay/networks/192.0.2.0%2F24|WRITE",
        "domains list|GET|/relay/domains|DOMAINS",
        "domains show relay.test|GET|/relay/domains/relay.test|DOMAIN",
        "domains add relay.test|PUT|/relay/domains/relay.test|WRITE",
        "domains remove relay.test|DELETE|/relay/domains/relay.test|WRITE",
        "recipients list relay.test|GET|/relay/domains/relay.test/recipients|RECIPIENTS",
        "recipients list relay.test --limit 100|GET|/relay/domains/relay.test/recipients?limit=100|RECIPIENTS",
        "recipients list relay.test --limit 2 --after user+tag@relay.test|GET|/relay/domains/relay.test/recipients?limit=2&after=user%2Btag%40relay.test|RECIPIENTS",
        "recipients list relay.test --after a@relay.test|GET|/relay/domains/relay.test/recipients?after=a%40relay.test|RECIPIENTS",
        "recipients add relay.test user+tag@relay.test|PUT|/relay/domains/relay.test/recipients/user%2Btag@relay.test|WRITE",
        "recipients remove relay.test info@relay.test|DELETE|/relay/domains/relay.test/recipients/info@relay.test|WRITE",
        "recipients remove relay.test info@relay.test --force|DELETE|/relay/domains/relay.test/recipients/info@relay.test?force=true|WRITE",
        "senders|GET|/relay/senders|SENDERS",
        "senders show alice@local.test|GET|/relay/senders/alice@local.test|SENDER",
        "senders remove alice@local.test|DELETE|/relay/senders/alice@local.test|WRITE",
        "settings|GET|/relay/settings|SETTINGS",
        "settings show|GET|/relay/settings|SETTINGS",
        "routes|GET|/relay/routes|ROUTES",
        "routes list|GET|/relay/routes|ROUTES",
        "routes show .corp.test|GET|/relay/routes/.corp.test|ROUTE",
        "routes show *|GET|/relay/routes/%2A|ROUTE",
        "routes remove vip@relay.test|DELETE|/relay/routes/vip@relay.test|WRITE",
        "sender-routes|GET|/relay/sender-routes|SENDER_ROUTES",
        "sender-routes show @marketing.test|GET|/relay/sender-routes/@marketing.test|SENDER_ROUTE",
        "sender-routes remove @marketing.test|DELETE|/relay/sender-routes/@marketing.test|WRITE",
        "filters|GET|/relay/filters|FILTERS",
        "filters list|GET|/relay/filters|FILTERS",
        "filters show relay.test|GET|/relay/filters/relay.test|FILTER",
        "filters show *|GET|/relay/filters/%2A|FILTER",
        "filters clear-attachments relay.test|DELETE|/relay/filters/relay.test/attachments|WRITE",
        "filters clear-headers *|DELETE|/relay/filters/%2A/headers|WRITE",
        "antivirus|GET|/relay/antivirus|ANTIVIRUS",
        "antivirus show|GET|/relay/antivirus|ANTIVIRUS",
        "antivirus remove|DELETE|/relay/antivirus|WRITE",
        "export|GET|/relay/policy|EXPORT",
        "audit|GET|/relay/audit?limit=20|AUDIT",
        "audit --limit 5|GET|/relay/audit?limit=5|AUDIT",
        "lockouts|GET|/relay/lockouts|LOCKOUTS",
        "rate-limits|GET|/relay/rate-limits|RATE_LIMITS",
        "rate-limits show login-hourly|GET|/relay/rate-limits/login-hourly|RATE_LIMIT",
        "rate-limits remove login-hourly|DELETE|/relay/rate-limits/login-hourly|WRITE",
        "lockouts lift client 192.0.2.7|DELETE|/relay/lockouts/client/192.0.2.7|WRITE",
        "lockouts lift network 192.0.2.0/24|DELETE|/relay/lockouts/network/192.0.2.0%2F24|WRITE",
    })
    void commandShouldBeTheRequestItStandsFor(String command, String method, String path, Output output) throws Exception {
        PolicyRequest request = request(command.split(" "));

        assertThat(request.method).isEqualTo(method);
        assertThat(request.path).isEqualTo(path);
        assertThat(request.output).isEqualTo(output);
    }

    @Test
    void rateLimitsSetShouldSendScopeCountsAndMax() throws Exception {
        PolicyRequest request = request("rate-limits", "set", "login-hourly", "--scope", "login", "--counts", "messages", "--max", "200/1h");

        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.path).isEqualTo("/relay/rate-limits/login-hourly");
        assertThat(request.json).contains("{\"scope\":\"login\",\"counts\":\"messages\",\"max\":\"200/1h\"}");
        usageError("usage: rate-limits set NAME --scope SCOPE --counts WHAT --max COUNT[/WINDOW]", "rate-limits", "set", "x", "--scope", "login");
    }

    @Test
    void networksAddShouldSendSendersAndFlag() throws Exception {
        PolicyRequest request = request("networks", "add", "192.0.2.0/24", "--senders", "scanner@local.test,@apps.local.test", "--senders=b@c.test",
            "--served-senders-only");

        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.path).isEqualTo("/relay/networks/192.0.2.0%2F24");
        assertThat(request.json).contains("{\"senders\":[\"scanner@local.test\",\"@apps.local.test\",\"b@c.test\"],\"servedSendersOnly\":true}");
        assertThat(request.done).isEqualTo("trusted network 192.0.2.0/24 saved");
    }

    @Test
    void networksAddShouldAskForAWideNetworkOnlyWithWide() throws Exception {
        assertThat(request("networks", "add", "0.0.0.0/0", "--wide").json).contains("{\"senders\":[],\"servedSendersOnly\":false,\"wide\":true}");
    }

    @Test
    void networksAddWithoutOptionsShouldTrustAnySender() throws Exception {
        assertThat(request("networks", "add", "127.0.0.4").json).contains("{\"senders\":[],\"servedSendersOnly\":false}");
    }

    @Test
    void sendersAddShouldSendWhatTheLoginOwns() throws Exception {
        PolicyRequest request = request("senders", "add", "alice@local.test", "--owns", "alice.smith@local.test,@sales.local.test");

        assertThat(request.path).isEqualTo("/relay/senders/alice@local.test");
        assertThat(request.json).contains("{\"owns\":[\"alice.smith@local.test\",\"@sales.local.test\"],\"servedSendersOnly\":false}");
    }

    @Test
    void settingsSetShouldSendTheValueAsAJsonString() throws Exception {
        PolicyRequest request = request("settings", "set", "relayMode", "open-relay");

        assertThat(request.path).isEqualTo("/relay/settings/relayMode");
        assertThat(request.json).contains("\"open-relay\"");
    }

    @Test
    void routesAddShouldSendTheHopsAndTheOptionsGiven() throws Exception {
        PolicyRequest request = request("routes", "add", "relay.test", "[127.0.0.1]:2526,backup.relay.test:2526", "--tls", "encrypt",
            "--credentials=up1", "--balance", "round-robin");

        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.path).isEqualTo("/relay/routes/relay.test");
        assertThat(request.json).contains("{\"hops\":[\"[127.0.0.1]:2526\",\"backup.relay.test:2526\"],\"tls\":\"encrypt\","
            + "\"credentials\":\"up1\",\"balance\":\"round-robin\"}");
        assertThat(request.done).isEqualTo("route relay.test saved");
    }

    @Test
    void senderRoutesAddShouldSendDirectAsAHop() throws Exception {
        PolicyRequest request = request("sender-routes", "add", "@marketing.test", "direct");

        assertThat(request.path).isEqualTo("/relay/sender-routes/@marketing.test");
        assertThat(request.json).contains("{\"hops\":[\"direct\"]}");
        assertThat(request.done).isEqualTo("sender route @marketing.test saved");
    }

    @Test
    void setAttachmentsShouldSendEveryRuleAsTheServerReadsIt() throws Exception {
        PolicyRequest request = request("filters", "set-attachments", "relay.test", "--rule", "strip names=*.exe,*.js sniffed=executable",
            "--rule=reject encrypted-archives", "--rule", " QUARANTINE  Larger-Than=25M unparseable types=application/* ");

        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.path).isEqualTo("/relay/filters/relay.test/attachments");
        assertThat(request.json).contains("{\"rules\":[{\"action\":\"strip\",\"names\":[\"*.exe\",\"*.js\"],\"sniffed\":[\"executable\"]},"
            + "{\"action\":\"reject\",\"encryptedArchives\":true},"
            + "{\"action\":\"QUARANTINE\",\"largerThan\":\"25M\",\"unparseable\":true,\"types\":[\"application/*\"]}]}");
        assertThat(request.done).isEqualTo("attachment rules of relay.test saved");
    }

    @Test
    void setHeadersShouldSendTheHeadersRemoved() throws Exception {
        PolicyRequest request = request("filters", "set-headers", "*", "--remove", "X-Internal-*,Bcc", "--remove=Received-SPF");

        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.path).isEqualTo("/relay/filters/%2A/headers");
        assertThat(request.json).contains("{\"remove\":[\"X-Internal-*\",\"Bcc\",\"Received-SPF\"]}");
        assertThat(request.done).isEqualTo("header filter of * saved");
    }

    @Test
    void antivirusSetShouldSendTheOptionsGiven() throws Exception {
        PolicyRequest request = request("antivirus", "set", "--clamd", "[127.0.0.1]:3310", "--on-failure", "accept", "--timeout=10s");

        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.path).isEqualTo("/relay/antivirus");
        assertThat(request.json).contains("{\"clamd\":\"[127.0.0.1]:3310\",\"timeout\":\"10s\",\"onFailure\":\"accept\"}");
        assertThat(request.done).isEqualTo("antivirus saved");
    }

    @Test
    void filterUsageErrorsShouldSayWhatIsWrong() {
        usageError("usage: filters show SCOPE", "filters", "show");
        usageError("filters: unknown action 'add'; the actions are list, show, set-attachments, clear-attachments, set-headers, "
            + "clear-headers", "filters", "add", "relay.test");
        usageError("filters set-attachments: give at least one --rule 'ACTION CONDITION...' (filters clear-attachments removes them all)",
            "filters", "set-attachments", "relay.test");
        usageError("--rule: expected 'ACTION CONDITION...' with ACTION strip, quarantine or reject, got 'names=*.exe'",
            "filters", "set-attachments", "relay.test", "--rule", "names=*.exe");
        usageError("--rule: expected 'ACTION CONDITION...' with ACTION strip, quarantine or reject, got ' '",
            "filters", "set-attachments", "relay.test", "--rule", " ");
        usageError("--rule 'strip colour=red': unknown condition 'colour=red'; the conditions are names=GLOB,... types=TYPE,... "
            + "sniffed=KIND,... encrypted-archives larger-than=SIZE unparseable", "filters", "set-attachments", "relay.test", "--rule", "strip colour=red");
        usageError("--rule 'strip unparseable=yes': unparseable takes no value",
            "filters", "set-attachments", "relay.test", "--rule", "strip unparseable=yes");
        usageError("--rule 'strip names=,': names= needs a value", "filters", "set-attachments", "relay.test", "--rule", "strip names=,");
        usageError("--rule 'strip larger-than': larger-than= needs a value", "filters", "set-attachments", "relay.test", "--rule", "strip larger-than");
        usageError("--rule 'strip names=*.exe names=*.js': names is given twice",
            "filters", "set-attachments", "relay.test", "--rule", "strip names=*.exe names=*.js");
        usageError("filters set-headers: --remove NAME|PREFIX*,... is required", "filters", "set-headers", "relay.test");
        usageError("--remove needs at least one NAME or PREFIX*", "filters", "set-headers", "relay.test", "--remove", ",");
        usageError("filters clear-headers: unknown option --remove (usage: filters clear-headers SCOPE)",
            "filters", "clear-headers", "relay.test", "--remove", "Bcc");
        usageError("antivirus set: --clamd is required", "antivirus", "set", "--timeout", "30s");
        usageError("--on-virus is given twice", "antivirus", "set", "--clamd", "[127.0.0.1]:3310", "--on-virus", "reject", "--on-virus", "quarantine");
        usageError("antivirus: unknown action 'add'; the actions are show, set, remove", "antivirus", "add");
    }

    @Test
    void lastUrlAndActorShouldCount() throws Exception {
        WebAdminCommandLine<PolicyRequest> commandLine = parse("audit", "--url", "http://a.test:1", "--url=http://b.test:2", "--actor", "x",
            "--actor", "y");

        assertThat(commandLine.url.toString()).isEqualTo("http://b.test:2");
        assertThat(commandLine.actor).isEqualTo("y");
    }

    @Test
    void optionValuesShouldBeSentAsGiven() throws Exception {
        assertThat(request("explain", "--client", "::1", "--sender", "\"quoted\"@b.test", "--recipient", "c@d.test").json.orElseThrow())
            .contains("\"sender\":\"\\\"quoted\\\"@b.test\"");
    }

    @Test
    void tlsShouldStayAFlagOfExplain() throws Exception {
        assertThat(request("explain", "--tls", "--client", "::1", "--sender", "a@b.test", "--recipient", "c@d.test").json.orElseThrow())
            .contains("\"tls\":true");
        assertThat(request("routes", "add", "*", "direct", "--tls", "none").json).contains("{\"hops\":[\"direct\"],\"tls\":\"none\"}");
    }

    @Test
    void explainShouldSendTheClientAndTheEnvelope() throws Exception {
        PolicyRequest request = request("explain", "--client", "127.0.0.4", "--helo", "printer", "--login", "alice@local.test", "--tls",
            "--auth-offered", "--sender", "<>", "--recipient", "x@elsewhere.example");

        assertThat(request.method).isEqualTo("POST");
        assertThat(request.path).isEqualTo("/relay/explain");
        assertThat(request.json).contains("{\"client\":\"127.0.0.4\",\"helo\":\"printer\",\"login\":\"alice@local.test\",\"tls\":true,"
            + "\"authOffered\":true,\"sender\":\"<>\",\"recipient\":\"x@elsewhere.example\"}");
    }

    @Test
    void explainShouldTakeTheNullSenderAsAnEmptyValue() throws Exception {
        assertThat(request("explain", "--client", "::1", "--sender=", "--recipient", "a@b.test").json)
            .contains("{\"client\":\"::1\",\"tls\":false,\"authOffered\":false,\"sender\":\"\",\"recipient\":\"a@b.test\"}");
    }

    @Test
    void exportAndImportShouldNameTheirFile() throws Exception {
        assertThat(request("export", "policy.conf").exportFile).contains(Paths.get("policy.conf"));
        assertThat(request("export", "-").exportFile).isEmpty();
        PolicyRequest request = request("import", "policy.conf", "--if-version", "42");
        assertThat(request.method).isEqualTo("PUT");
        assertThat(request.importFile).contains(Paths.get("policy.conf"));
        assertThat(request.headers).containsEntry("If-Match", "\"42\"");
        assertThat(request("import", "-").importFile).contains(Paths.get("-"));
        assertThat(request("import", "-").headers).isEmpty();
    }

    @Test
    void argumentsAfterDoubleDashShouldBeWords() throws Exception {
        assertThat(request("recipients", "add", "relay.test", "--", "-odd@relay.test").path)
            .isEqualTo("/relay/domains/relay.test/recipients/-odd@relay.test");
    }

    @Test
    void usageErrorsShouldSayWhatIsWrong() {
        usageError("a command is needed");
        usageError("unknown command 'network'", "network", "list");
        usageError("networks: unknown action 'delete'; the actions are list, show, add, remove", "networks", "delete", "x");
        usageError("recipients: an action is needed: list, add, remove", "recipients");
        usageError("usage: networks add CIDR [--senders A,@D,...] [--served-senders-only] [--wide]", "networks", "add");
        usageError("usage: recipients add DOMAIN ADDRESS", "recipients", "add", "relay.test");
        usageError("usage: domains remove DOMAIN", "domains", "remove");
        usageError("usage: senders show LOGIN", "senders", "show", "a@b.test", "extra");
        usageError("networks add: unknown option --owns (usage: networks add CIDR [--senders A,@D,...] [--served-senders-only] [--wide])",
            "networks", "add", "192.0.2.0/24", "--owns", "a@b.test");
        usageError("unknown option --colour", "networks", "--colour");
        usageError("unknown option --js", "networks", "--js");
        usageError("unknown option -json", "networks", "-json");
        usageError("--actor needs a value", "networks", "--actor");
        usageError("--client needs a value", "explain", "--sender", "a@b.test", "--recipient", "c@d.test", "--client");
        usageError("--url needs a value", "networks", "--url");
        usageError("--url: expected http://HOST:PORT, got 'localhost:8000'", "networks", "--url", "localhost:8000");
        usageError("--senders needs at least one ADDRESS or @DOMAIN", "networks", "add", "192.0.2.0/24", "--senders", ",");
        usageError("--json takes no value", "networks", "--json=yes");
        usageError("explain: --client is required", "explain", "--sender", "a@b.test", "--recipient", "c@d.test");
        usageError("--limit: expected a number from 1 to 10000, got 'all'", "audit", "--limit", "all");
        usageError("--limit: expected a number from 1 to 10000, got '10001'", "recipients", "list", "relay.test", "--limit", "10001");
        usageError("--if-version: expected a version number (see export), got 'latest'", "import", "f", "--if-version", "latest");
        usageError("senders add: give --owns ADDRESS|@DOMAIN,... or --served-senders-only", "senders", "add", "bob@local.test");
        usageError("--tls is given twice", "explain", "--client", "::1", "--tls", "--tls", "--sender", "a@b.test", "--recipient", "c@d.test");
        usageError("--actor: expected a name without control characters, got 'a\nb'", "audit", "--actor", "a\nb");
        usageError("usage: routes add DESTINATION HOPS [--tls none|may|encrypt|verify] [--credentials NAME] [--balance failover|round-robin]",
            "routes", "add", "relay.test");
        usageError("HOPS: expected direct or [HOST]:PORT[,[HOST]:PORT...], got ','", "routes", "add", "relay.test", ",");
        usageError("--tls needs a value", "routes", "add", "relay.test", "direct", "--tls");
        usageError("sender-routes add: unknown option --force (usage: sender-routes add SENDER HOPS [--tls none|may|encrypt|verify] "
            + "[--credentials NAME] [--balance failover|round-robin])", "sender-routes", "add", "@a.test", "direct", "--force");
        usageError("sender-routes: unknown action 'get'; the actions are list, show, add, remove", "sender-routes", "get", "@a.test");
    }

    @Test
    void segmentShouldKeepOnlyUnreservedCharacters() {
        assertThat(PathSegment.encode("192.0.2.0/24")).isEqualTo("192.0.2.0%2F24");
        assertThat(PathSegment.encode("a b+c@é.test")).isEqualTo("a%20b%2Bc@%C3%A9.test");
        assertThat(Optional.of(PathSegment.encode("~x_y-z.0"))).contains("~x_y-z.0");
    }
}
