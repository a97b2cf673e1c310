package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueueCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> sent = new ArrayList<>();
    private final List<Map<String, String>> sentHeaders = new ArrayList<>();
    private WebAdmin.Answer answer = new WebAdmin.Answer(200, Map.of(), "[]");
    private boolean reachable = true;
    private Map<String, String> environment = Map.of();

    private int run(String... args) {
        QueueCli cli = new QueueCli(environment, "operator", new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), base -> (method, path, headers, body) -> {
                if (!reachable) {
                    throw new ConnectException();
                }
                sent.add(method + " " + base + path);
                sentHeaders.add(headers);
                return answer;
            }, Clock.fixed(Instant.parse("2026-01-10T12:00:00Z"), ZoneOffset.UTC));
        return cli.run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShouldAskTheQueueRouteWithTheActorAndToken() {
        environment = Map.of("JAMES_RELAY_WEBADMIN", "http://relay.example:8001", "JAMES_RELAY_WEBADMIN_TOKEN", "eyJ.x.y");

        assertThat(run("list", "--domain", "relay.test")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("GET http://relay.example:8001/relay/queue?domain=relay.test");
        assertThat(sentHeaders.get(0)).containsEntry("X-Relay-Actor", "operator").containsEntry("Authorization", "Bearer eyJ.x.y");
        assertThat(out()).isEqualTo("-- no mail in the relay queue\n");
    }

    @Test
    void jsonShouldPrintTheAnswerAsItCame() {
        answer = new WebAdmin.Answer(200, Map.of(), "{\"action\":\"hold\",\"count\":1,\"mails\":[\"M\"],\"busy\":[]}");

        assertThat(run("--json", "hold", "M")).isEqualTo(PolicyCli.OK);

        assertThat(out()).isEqualTo("{\"action\":\"hold\",\"count\":1,\"mails\":[\"M\"],\"busy\":[]}\n");
    }

    @Test
    void busyMailShouldGiveItsOwnExitStatus() {
        answer = new WebAdmin.Answer(200, Map.of(), "{\"action\":\"delete\",\"count\":0,\"mails\":[],\"busy\":[\"M\"]}");

        assertThat(run("delete", "M")).isEqualTo(QueueCli.BUSY);

        assertThat(out()).contains("deleted 0 mails\n", "under a delivery attempt", "M");
    }

    @Test
    void aRefusalShouldPrintTheMessageOfTheServer() {
        answer = new WebAdmin.Answer(404, Map.of(), "{\"statusCode\":404,\"type\":\"notFound\",\"message\":\"no mail M on hold\"}");

        assertThat(run("show", "--held", "M")).isEqualTo(PolicyCli.REFUSED);

        assertThat(err()).isEqualTo("james-relay queue: no mail M on hold (HTTP 404)\n");
    }

    @Test
    void anUnreachableWebAdminShouldSaySo() {
        reachable = false;

        assertThat(run("list")).isEqualTo(PolicyCli.UNREACHABLE);

        assertThat(err()).startsWith("james-relay queue: cannot reach WebAdmin at http://127.0.0.1:8000: connection refused");
    }

    @Test
    void aUsageErrorShouldSendNothing() {
        assertThat(run("hold")).isEqualTo(PolicyCli.USAGE);

        assertThat(sent).isEmpty();
        assertThat(err()).contains("hold: select mail", "james-relay queue --help");
    }
}
