package org.jamesrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimCliTest {
    private static final String P = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + "x".repeat(348) + "IDAQAB";
    private static final String KEY = "{\"domain\":\"example.com\",\"selector\":\"s1\",\"algorithm\":\"rsa-sha256\",\"bits\":2048,\"active\":true,"
        + "\"created\":\"2026-12-06T00:00:00Z\",\"dnsName\":\"s1._domainkey.example.com\",\"dnsRecord\":\"v=DKIM1; k=rsa; p=" + P + "\","
        + "\"fingerprint\":\"SHA256:abc\"}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<String> sent = new ArrayList<>();
    private WebAdmin.Answer answer = new WebAdmin.Answer(201, Map.of(), KEY);

    @TempDir
    Path folder;

    private int run(String... args) {
        PolicyCli cli = new PolicyCli(Map.of(), "operator", new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            base -> (method, path, headers, body) -> {
                sent.add(method + " " + path + body.map(bytes -> " " + new String(bytes, StandardCharsets.UTF_8)).orElse(""));
                return answer;
            });
        return cli.run(List.of(args));
    }

    @Test
    void addGeneratesOnTheServerAndPrintsTheZoneLineToPublish() {
        assertThat(run("dkim", "add", "example.com", "s1", "--algorithm", "ed25519-sha256", "--standby")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("PUT /relay/dkim/example.com {\"selector\":\"s1\",\"algorithm\":\"ed25519-sha256\",\"active\":false}");
        String record = "v=DKIM1; k=rsa; p=" + P;
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("selector s1: rsa-sha256 2048 bits, active (signs), SHA256:abc\n"
            + "  publish: s1._domainkey.example.com. IN TXT \"" + record.substring(0, 255) + "\" \"" + record.substring(255) + "\"\n");
    }

    @Test
    void importSendsThePemFileAndActivateRetireSetTheirRequests() throws Exception {
        Path pem = folder.resolve("key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");

        run("dkim", "import", "example.com", "old", pem.toString(), "--active");
        run("dkim", "activate", "example.com", "s2");
        run("dkim", "set", "example.com", "--subdomains", "yes", "--on-failure", "send-unsigned");
        answer = new WebAdmin.Answer(204, Map.of(), "");
        run("dkim", "retire", "example.com", "s1");

        assertThat(sent).containsExactly(
            "PUT /relay/dkim/example.com/old?active=true -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
            "PUT /relay/dkim/example.com {\"selector\":\"s2\",\"active\":true}",
            "PUT /relay/dkim/example.com {\"subdomains\":true,\"onFailure\":\"send-unsigned\"}",
            "DELETE /relay/dkim/example.com/s1");
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("ok: DKIM key s1 of example.com retired (its DNS record may go once mail signed with it was read)\n");
    }

    @Test
    void listShowsTheActiveSelectorsOfEachDomain() {
        answer = new WebAdmin.Answer(200, Map.of(), "[{\"domain\":\"example.com\",\"subdomains\":false,\"onFailure\":\"hold\",\"keys\":[" + KEY + "]}]");

        assertThat(run("dkim")).isEqualTo(PolicyCli.OK);

        assertThat(sent).containsExactly("GET /relay/dkim");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("example.com", "s1", "hold");
    }

    @Test
    void wrongCommandsAreUsageErrors() {
        assertThat(run("dkim", "add", "example.com")).isEqualTo(PolicyCli.USAGE);
        assertThat(run("dkim", "add", "example.com", "s1", "--active", "--standby")).isEqualTo(PolicyCli.USAGE);
        assertThat(run("dkim", "set", "example.com")).isEqualTo(PolicyCli.USAGE);
        assertThat(run("dkim", "rotate")).isEqualTo(PolicyCli.USAGE);
        assertThat(sent).isEmpty();
    }
}
