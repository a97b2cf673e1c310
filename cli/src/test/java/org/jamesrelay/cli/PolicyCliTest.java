package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> sent = new ArrayList<>();
    private final List<URI> bases = new ArrayList<>();
    private final List<Map<String, String>> sentHeaders = new ArrayList<>();
    private WebAdmin.Answer answer = new WebAdmin.Answer(204, Map.of(), "");
    private boolean reachable = true;
    private Map<String, String> environment = Map.of();

    private int run(String... args) {
        return runWithInput("", args);
    }

    private int runWithInput(String stdin, String... args) {
        PolicyCli cli = new PolicyCli(environment, "operator", new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), base -> {
                bases.add(base);
                return (method, path, headers, body) -> {
                    if (!reachable) {
                        throw new ConnectException();
                    }
                    sent.add(method + " " + path + body.map(bytes -> " " + new String(bytes, StandardCharsets.UTF_8)).orElse(""));
                    sentHeaders.add(headers);
                    return answer;
                };
            });
        return cli.run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShouldPrintATable() {
        answer = new WebAdmin.Answer(200, Map.of(), "[{\"network\":\"127.0.0.1/32\",\"senders\":[],\"servedSendersOnly\":false}]");

        assertThat(run("networks", "list")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("GET /relay/networks");
        assertThat(bases).containsExactly(URI.create("http://127.0.0.1:8000"));
        assertThat(sentHeaders.get(0)).containsEntry("X-Relay-Actor", "operator").containsEntry("Accept", "application/json");
        assertThat(out()).isEqualTo("NETWORK       SENDERS  SERVED SENDERS ONLY\n127.0.0.1/32  any      no\n");
    }

    @Test
    void tokenShouldBeSentAsBearer() {
        environment = Map.of("JAMES_RELAY_WEBADMIN_TOKEN", "eyJ.x.y", "JAMES_RELAY_WEBADMIN", "http://relay.example:8000");
        answer = new WebAdmin.Answer(200, Map.of(), "{\"relayMode\":\"policy\"}");

        assertThat(run("settings")).isEqualTo(PolicyCli.OK);

        assertThat(bases).containsExactly(URI.create("http://relay.example:8000"));
        assertThat(sentHeaders.get(0)).containsEntry("Authorization", "Bearer eyJ.x.y");
    }

    @Test
    void jsonShouldPrintTheAnswerOfTheServer() {
        answer = new WebAdmin.Answer(200, Map.of(), "[\"info@relay.test\"]");

        assertThat(run("--json", "recipients", "list", "relay.test")).isEqualTo(PolicyCli.OK);

        assertThat(out()).isEqualTo("[\"info@relay.test\"]\n");
    }

    @Test
    void writeShouldSayWhatWasDoneWithTheNewVersion() {
        answer = new WebAdmin.Answer(204, Map.of(PolicyCli.VERSION_HEADER, "17"), "");

        assertThat(run("--actor", "ci", "networks", "add", "127.0.0.4/32")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("PUT /relay/networks/127.0.0.4%2F32 {\"senders\":[],\"servedSendersOnly\":false}");
        assertThat(sentHeaders.get(0)).containsEntry("X-Relay-Actor", "ci").containsEntry("Content-Type", "application/json");
        assertThat(out()).isEqualTo("ok: trusted network 127.0.0.4/32 saved (policy version 17)\n");
    }

    @Test
    void routesAddShouldSayWhatWasDone() {
        answer = new WebAdmin.Answer(204, Map.of(PolicyCli.VERSION_HEADER, "18"), "");

        assertThat(run("routes", "add", "*", "[smtp.isp.test]:587", "--tls", "verify", "--credentials", "isp")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("PUT /relay/routes/%2A {\"hops\":[\"[smtp.isp.test]:587\"],\"tls\":\"verify\",\"credentials\":\"isp\"}");
        assertThat(out()).isEqualTo("ok: route * saved (policy version 18)\n");
    }

    @Test
    void routeRefusalShouldPrintTheProblemOfTheParser() {
        answer = new WebAdmin.Answer(400, Map.of(), "{\"statusCode\":400,\"type\":\"InvalidArgument\","
            + "\"message\":\"'route relay.test direct tls=maybe': tls=maybe is not one of none, may, encrypt, verify\",\"details\":null}");

        assertThat(run("routes", "add", "relay.test", "direct", "--tls", "maybe")).isEqualTo(PolicyCli.REFUSED);

        assertThat(err()).isEqualTo("james-relay policy: 'route relay.test direct tls=maybe': tls=maybe is not one of none, may, encrypt, verify "
            + "(HTTP 400)\n");
    }

    @Test
    void senderRouteShouldBeShownAsATableOrAsJson() {
        String route = "{\"sender\":\"@marketing.test\",\"kind\":\"domain\",\"rule\":\"sender-route:@marketing.test\",\"hops\":[],"
            + "\"direct\":true,\"tls\":\"may\",\"credentials\":null,\"balance\":\"failover\"}";
        answer = new WebAdmin.Answer(200, Map.of(), route);

        assertThat(run("sender-routes", "show", "@marketing.test")).isEqualTo(PolicyCli.OK);
        assertThat(run("sender-routes", "show", "@marketing.test", "--json")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("GET /relay/sender-routes/@marketing.test", "GET /relay/sender-routes/@marketing.test");
        assertThat(out()).isEqualTo("SENDER           HOPS    TLS  CREDENTIALS  BALANCE\n@marketing.test  direct  may  -            failover\n"
            + route + "\n");
    }

    @Test
    void filtersShouldBeShownAsATableWithTheAntivirus() {
        answer = new WebAdmin.Answer(200, Map.of(), "{\"scopes\":[{\"scope\":\"*\",\"attachmentRules\":[{\"action\":\"reject\","
            + "\"names\":[],\"types\":[],\"sniffed\":[],\"encryptedArchives\":true,\"largerThan\":null,\"unparseable\":false,"
            + "\"rule\":\"attachment-filter:*:reject\"}],\"headerFilter\":null}],\"antivirus\":null}");

        assertThat(run("filters")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("GET /relay/filters");
        assertThat(out()).isEqualTo("SCOPE  FILTER       ACTION  MATCHING\n*      attachments  reject  encrypted-archives\n"
            + "antivirus: none: mail is not scanned\n");
    }

    @Test
    void setAttachmentsShouldSayWhatWasDone() {
        answer = new WebAdmin.Answer(204, Map.of(PolicyCli.VERSION_HEADER, "21"), "");

        assertThat(run("filters", "set-attachments", "*", "--rule", "quarantine sniffed=office-macro")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("PUT /relay/filters/%2A/attachments {\"rules\":[{\"action\":\"quarantine\",\"sniffed\":[\"office-macro\"]}]}");
        assertThat(out()).isEqualTo("ok: attachment rules of * saved (policy version 21)\n");
    }

    @Test
    void filterRefusalShouldPrintTheProblemOfTheParser() {
        answer = new WebAdmin.Answer(400, Map.of(), "{\"statusCode\":400,\"type\":\"InvalidArgument\","
            + "\"message\":\"'attachment-filter relay.test strip sniffed=virus': sniffed=virus is not one of archive, executable, "
            + "office-macro, pdf, script\",\"details\":null}");

        assertThat(run("filters", "set-attachments", "relay.test", "--rule", "strip sniffed=virus")).isEqualTo(PolicyCli.REFUSED);

        assertThat(err()).isEqualTo("james-relay policy: 'attachment-filter relay.test strip sniffed=virus': sniffed=virus is not one of "
            + "archive, executable, office-macro, pdf, script (HTTP 400)\n");
    }

    @Test
    void antivirusShouldBeShownAsATableOrAsJson() {
        String antivirus = "{\"clamd\":\"[127.0.0.1]:3310\",\"timeoutMillis\":500,\"onVirus\":\"quarantine\",\"onFailure\":\"accept\"}";
        answer = new WebAdmin.Answer(200, Map.of(), antivirus);

        assertThat(run("antivirus")).isEqualTo(PolicyCli.OK);
        assertThat(run("--json", "antivirus", "show")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("GET /relay/antivirus", "GET /relay/antivirus");
        assertThat(out()).isEqualTo("clamd       [127.0.0.1]:3310\ntimeout     500ms\non-virus    quarantine\non-failure  accept\n"
            + antivirus + "\n");
    }

    @Test
    void writeThatChangedNothingShouldSaySo() {
        assertThat(run("domains", "add", "relay.test")).isEqualTo(PolicyCli.OK);

        assertThat(out()).isEqualTo("ok: relay domain relay.test saved (no change: it was already so)\n");
    }

    @Test
    void refusalShouldPrintTheMessageOfTheServerAndExitWithOne() {
        answer = new WebAdmin.Answer(400, Map.of(), "{\"statusCode\":400,\"type\":\"InvalidArgument\","
            + "\"message\":\"invalid network '10.0.0.1/8': host bits are set in 10.0.0.1/8; the network is 10.0.0.0/8\",\"details\":null}");

        assertThat(run("networks", "add", "10.0.0.1/8")).isEqualTo(PolicyCli.REFUSED);

        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("james-relay policy: invalid network '10.0.0.1/8': host bits are set in 10.0.0.1/8; "
            + "the network is 10.0.0.0/8 (HTTP 400)\n");
    }

    @Test
    void refusalWithJsonShouldPrintTheErrorOfTheServer() {
        answer = new WebAdmin.Answer(404, Map.of(), "{\"statusCode\":404,\"type\":\"notFound\",\"message\":\"x.test is not a relay domain\"}");

        assertThat(run("domains", "remove", "x.test", "--json")).isEqualTo(PolicyCli.REFUSED);

        assertThat(out()).isEqualTo("{\"statusCode\":404,\"type\":\"notFound\",\"message\":\"x.test is not a relay domain\"}\n");
    }

    @Test
    void lastRecipientRefusalShouldPointAtForce() {
        answer = new WebAdmin.Answer(409, Map.of(), "{\"statusCode\":409,\"type\":\"WrongState\",\"message\":\"x@a.test is the last "
            + "listed recipient of a.test: without it, a.test would accept any recipient. Add the other recipients first, or remove it "
            + "with ?force=true\"}");

        assertThat(run("recipients", "remove", "a.test", "x@a.test")).isEqualTo(PolicyCli.REFUSED);

        assertThat(err()).endsWith("(HTTP 409)\nAdd --force to remove it anyway.\n");
    }

    @Test
    void missingRoutesShouldBeExplained() {
        answer = new WebAdmin.Answer(404, Map.of(), "{\"statusCode\":404,\"type\":\"notFound\",\"message\":\"GET /relay/networks can not be found\"}");

        assertThat(run("networks")).isEqualTo(PolicyCli.REFUSED);

        assertThat(err()).contains("GET /relay/networks can not be found (HTTP 404)")
            .contains("extensions.routes=org.jamesrelay.webadmin.RelayRoutes");
    }

    @Test
    void unreachableWebAdminShouldExitWithThree() {
        reachable = false;

        assertThat(run("--url", "http://127.0.0.1:1", "audit")).isEqualTo(PolicyCli.UNREACHABLE);

        assertThat(err()).isEqualTo("james-relay policy: cannot reach WebAdmin at http://127.0.0.1:1: "
            + "connection refused (is James running, with WebAdmin enabled on this port?)\n");
    }

    @Test
    void usageErrorShouldExitWithTwoWithoutAnyRequest() {
        assertThat(run("networks", "add")).isEqualTo(PolicyCli.USAGE);

        assertThat(sent).isEmpty();
        assertThat(err()).startsWith("james-relay policy: usage: networks add CIDR");
    }

    @Test
    void helpShouldListTheCommands() {
        assertThat(run("--help")).isEqualTo(PolicyCli.OK);

        assertThat(out()).startsWith("Usage: james-relay policy").contains("explain --client IP").contains("filters set-attachments SCOPE")
            .contains("antivirus set --clamd").contains("Exit status: 0 done, 1 refused");
    }

    @Test
    void unexpectedAnswerShouldBeReported() {
        answer = new WebAdmin.Answer(200, Map.of(), "<html>proxy</html>");

        assertThat(run("networks")).isEqualTo(PolicyCli.REFUSED);

        assertThat(err()).contains("unexpected answer from WebAdmin").contains("<html>proxy</html>");
    }

    @Test
    void exportShouldWriteTheTextToAFileOrTheOutput(@TempDir Path folder) throws Exception {
        answer = new WebAdmin.Answer(200, Map.of(PolicyCli.VERSION_HEADER, "5"), "relay-domain relay.test\n");
        Path file = folder.resolve("policy.conf");

        assertThat(run("export", file.toString())).isEqualTo(PolicyCli.OK);
        assertThat(run("export")).isEqualTo(PolicyCli.OK);

        assertThat(Files.readString(file)).isEqualTo("relay-domain relay.test\n");
        assertThat(err()).isEqualTo("policy version 5 exported to " + file + "\n");
        assertThat(out()).isEqualTo("relay-domain relay.test\n");
        assertThat(sentHeaders.get(0)).containsEntry("Accept", "text/plain");
    }

    @Test
    void importShouldSendTheFileAsText(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("policy.conf");
        Files.writeString(file, "trusted-network 127.0.0.1/32\n");
        answer = new WebAdmin.Answer(204, Map.of(PolicyCli.VERSION_HEADER, "6"), "");

        assertThat(run("import", file.toString(), "--if-version", "5")).isEqualTo(PolicyCli.OK);
        assertThat(runWithInput("trusted-network ::1/128\n", "import", "-")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("PUT /relay/policy trusted-network 127.0.0.1/32\n", "PUT /relay/policy trusted-network ::1/128\n");
        assertThat(sentHeaders.get(0)).containsEntry("Content-Type", "text/plain; charset=UTF-8").containsEntry("If-Match", "\"5\"");
        assertThat(out()).startsWith("ok: policy imported from " + file + " (policy version 6)\n");
    }

    @Test
    void importOfAMissingFileShouldBeAUsageError(@TempDir Path folder) {
        assertThat(run("import", folder.resolve("missing.conf").toString())).isEqualTo(PolicyCli.USAGE);

        assertThat(sent).isEmpty();
        assertThat(err()).startsWith("james-relay policy: cannot read ");
    }

    @Test
    void errorMessageShouldFallBackToTheBody() {
        assertThat(PolicyCli.errorMessage("{\"message\":\"m\",\"details\":\"d\"}")).isEqualTo("m: d");
        assertThat(PolicyCli.errorMessage("Bad Gateway")).isEqualTo("Bad Gateway");
        assertThat(PolicyCli.errorMessage("")).isEqualTo("no message");
        assertThat(Optional.of(PolicyCli.errorMessage("x".repeat(600)))).hasValueSatisfying(message -> assertThat(message).hasSize(503));
    }
}
