package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueueCommandLineTest {
    private static QueueCommandLine.Request request(String... args) throws Exception {
        return QueueCommandLine.parse(List.of(args), Map.of(), "operator").request.orElseThrow();
    }

    private static String sent(String... args) throws Exception {
        QueueCommandLine.Request request = request(args);
        return request.method + " " + request.path;
    }

    private static void refused(String message, String... args) {
        assertThatThrownBy(() -> QueueCommandLine.parse(List.of(args), Map.of(), "operator"))
            .isInstanceOf(UsageException.class)
            .hasMessage(message);
    }

    @Test
    void listShouldSendTheSelectionAsQueryParameters() throws Exception {
        assertThat(sent("list")).isEqualTo("GET /relay/queue");
        assertThat(sent("list", "--route", "[10.0.0.1]:25", "--domain=relay.test", "--sender", "<>", "--older-than", "2h"))
            .isEqualTo("GET /relay/queue?route=%5B10.0.0.1%5D%3A25&domain=relay.test&sender=%3C%3E&olderThan=2h");
        assertThat(sent("list", "--held", "--name", "Mail1")).isEqualTo("GET /relay/held?name=Mail1");
        assertThat(request("list", "--held").output).isEqualTo(QueueCommandLine.Output.HELD_LIST);
    }

    @Test
    void showShouldNameOneMailInThePath() throws Exception {
        assertThat(sent("show", "Mail1!abc")).isEqualTo("GET /relay/queue/Mail1%21abc");
        assertThat(sent("show", "--held", "--name", "Mail1")).isEqualTo("GET /relay/held/Mail1");
        assertThat(request("show", "Mail1").output).isEqualTo(QueueCommandLine.Output.SHOW);
    }

    @Test
    void actionsShouldPostToTheirRouteOrDelete() throws Exception {
        assertThat(sent("hold", "Mail1")).isEqualTo("POST /relay/queue/hold?name=Mail1");
        assertThat(sent("hold", "--domain", "relay.test")).isEqualTo("POST /relay/queue/hold?domain=relay.test");
        assertThat(sent("release", "--all")).isEqualTo("POST /relay/held/release?all=true");
        assertThat(sent("delete", "--sender", "a@apps.test")).isEqualTo("DELETE /relay/queue?sender=a%40apps.test");
        assertThat(sent("delete", "--held", "Mail1")).isEqualTo("DELETE /relay/held?name=Mail1");
        assertThat(request("delete", "--all").output).isEqualTo(QueueCommandLine.Output.ACTION);
    }

    @Test
    void flushWithoutSelectionShouldFlushEveryMailAsPostqueueDoes() throws Exception {
        assertThat(sent("flush")).isEqualTo("POST /relay/queue/flush?all=true");
        assertThat(sent("flush", "--route", "relay.test")).isEqualTo("POST /relay/queue/flush?route=relay.test");
    }

    @Test
    void actionsOnEveryMailShouldNeedAll() {
        for (String command : List.of("hold", "release", "delete")) {
            refused(command + ": select mail (NAME, --route, --domain, --sender, --older-than) or give --all", command);
        }
    }

    @Test
    void mistakesShouldBeUsageErrors() {
        refused("a command is needed");
        refused("unknown command 'requeue'", "requeue");
        refused("unknown option --queue", "list", "--queue", "x");
        refused("--route needs a value", "list", "--route");
        refused("--sender is given twice", "list", "--sender", "a@apps.test", "--sender", "b@apps.test");
        refused("show: give the NAME of one mail, and nothing else", "show", "--domain", "relay.test");
        refused("hold: the name is given twice", "hold", "Mail1", "--name", "Mail2");
        refused("list: unexpected 'Mail1' (select a mail with --name)", "list", "Mail1");
        refused("hold: --held applies to list, show and delete only", "hold", "--held", "Mail1");
        refused("list: --all applies to hold, release, flush and delete only", "list", "--all");
        refused("--json takes no value", "list", "--json=yes");
        refused("unknown option --hel", "list", "--hel");
        refused("--domain needs a value", "list", "--domain");
        refused("--url: expected http://HOST:PORT, got 'relay:8000'", "--url", "relay:8000", "list");
    }

    @Test
    void helpShouldNameThePostfixEquivalentOfEachCommand() throws Exception {
        assertThat(QueueCommandLine.parse(List.of("--help"), Map.of(), "operator").help).isTrue();
        assertThat(QueueCommandLine.USAGE).contains("[postqueue -p]", "[postcat -q NAME]", "[postsuper -h]", "[postsuper -H]",
            "postqueue -f", "postqueue -i NAME", "[postsuper -d]");
    }
}
