package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebAdmin can open the relay: off loopback it must ask for a JWT, or the relay does not start.
 */
class AdminPlaneTest {
    @Test
    void webAdminOnTheNetworkWithoutAuthenticationShouldStopTheRelayNamingFileAndKey(@TempDir Path folder) throws Exception {
        Path webAdmin = folder.resolve("webadmin.properties");
        Files.writeString(webAdmin, "enabled=true\nhost=0.0.0.0\nport=8000\njwt.enabled=false\nextensions.routes=org.jamesrelay.webadmin.RelayRoutes\n");

        try (NextHop nextHop = NextHop.start();
             RelayServer server = RelayServer.launch("open-webadmin", nextHop.address(), Optional.empty(),
                 List.of("--webadmin-properties", webAdmin.toString()), Map.of())) {
            assertThat(server.awaitExit(Duration.ofSeconds(150))).isNotZero();
            assertThat(server.log())
                .contains("conf/webadmin.properties: host=0.0.0.0 opens WebAdmin, which can switch the relay to open relay mode, "
                    + "to the network without authentication: set jwt.enabled=true")
                .doesNotContain(RelayServer.READY_LINE);
        }
    }

    @Test
    void webAdminWithJwtShouldAnswerOnlyRequestsThatCarryTheToken(@TempDir Path folder) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path publicKey = folder.resolve("jwt_publickey");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
        Path webAdmin = folder.resolve("webadmin.properties");
        Files.writeString(webAdmin, "enabled=true\nhost=0.0.0.0\nport=8000\njwt.enabled=true\njwt.publickeypem.url=file://" + publicKey
            + "\nextensions.routes=org.jamesrelay.webadmin.RelayRoutes\n");
        String token = adminToken(keys);

        try (NextHop nextHop = NextHop.start();
             RelayServer server = RelayServer.start("jwt-webadmin", nextHop.address(), Optional.empty(),
                 List.of("--webadmin-properties", webAdmin.toString()), Map.of("JAMES_RELAY_WEBADMIN_TOKEN", token))) {
            assertThat(server.webAdmin("PUT", "/relay/networks/0.0.0.0%2F1", "{\"wide\":true}")).isEqualTo(401);
            assertThat(server.webAdmin("GET", "/relay/networks", "")).isEqualTo(401);

            Path out = folder.resolve("networks.out");
            ProcessBuilder policy = new ProcessBuilder(RelayServer.home().resolve("bin/james-relay").toString(), "policy",
                "--url", "http://127.0.0.1:" + server.webAdminPort(), "networks", "list")
                .redirectErrorStream(true).redirectOutput(out.toFile());
            policy.environment().put("JAMES_RELAY_WEBADMIN_TOKEN", token);
            Process process = policy.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(out)).isZero();
            assertThat(Files.readString(out)).contains("127.0.0.1/32");
        }
    }

    /** An RS256 token with James's admin claim, signed by {@code keys}. */
    private static String adminToken(KeyPair keys) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
            + base64.encodeToString("{\"sub\":\"admin@local.test\",\"admin\":true}".getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + base64.encodeToString(signature.sign());
    }
}
