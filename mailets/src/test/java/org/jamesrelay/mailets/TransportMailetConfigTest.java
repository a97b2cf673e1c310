package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.Transport;
import org.junit.jupiter.api.Test;

/**
 * What James's remote delivery library is told for each transport: read back through its own configuration class.
 */
class TransportMailetConfigTest {
    private static final FakeMailetConfig MAILET_CONFIG = FakeMailetConfig.builder()
        .mailetName("RouteDelivery")
        .setProperty("maxRetries", "7")
        .setProperty("delayTime", "7 * 1 second")
        .setProperty("heloName", "relay.local.test")
        .setProperty("bounceProcessor", "bounces")
        .setProperty("mail.smtp.dsn.notify", "FAILURE")
        .build();
    private static final DomainList NO_DOMAINS = null;

    private static Transport transport(String options) throws Exception {
        return PolicyFileParser.parse("p", "route * " + options).routes().defaultOrDirect().transport();
    }

    private static RemoteDeliveryConfiguration configuration(String options, Optional<UpstreamCredentials.Login> login) throws Exception {
        return new RemoteDeliveryConfiguration(TransportMailetConfig.of(MAILET_CONFIG, transport(options), login), NO_DOMAINS);
    }

    private static Properties javaMail(String options) throws Exception {
        return configuration(options, Optional.empty()).createFinalJavaxProperties();
    }

    @Test
    void hopsBecomeGatewaysInFailoverOrder() throws Exception {
        RemoteDeliveryConfiguration configuration = configuration("[127.0.0.1]:2601,[backup.test]:2602", Optional.empty());

        assertThat(configuration.getGatewayServer()).containsExactly("127.0.0.1:2601", "backup.test:2602");
        assertThat(configuration.isLoadBalancing()).isFalse();
        assertThat(configuration.getDnsProblemRetry()).isEqualTo(7);
    }

    @Test
    void roundRobinSpreadsTheLoad() throws Exception {
        assertThat(configuration("[127.0.0.1]:2601,[127.0.0.1]:2602 balance=round-robin", Optional.empty()).isLoadBalancing()).isTrue();
    }

    @Test
    void directDeliveryHasNoGatewayAndNeverLogsIn() throws Exception {
        RemoteDeliveryConfiguration configuration = configuration("direct", Optional.empty());

        assertThat(configuration.getGatewayServer()).isEmpty();
        assertThat(configuration.getAuthUser()).isNull();
    }

    @Test
    void theLoginIsUsedOnlyByTheTransportThatNamesIt() throws Exception {
        UpstreamCredentials.Login login = new UpstreamCredentials.Login("relay", "secret");

        RemoteDeliveryConfiguration withLogin = configuration("[127.0.0.1]:2601 credentials=up", Optional.of(login));
        RemoteDeliveryConfiguration without = configuration("[127.0.0.1]:2601", Optional.empty());

        assertThat(withLogin.getAuthUser()).isEqualTo("relay");
        assertThat(withLogin.getAuthPass()).isEqualTo("secret");
        assertThat(withLogin.createFinalJavaxProperties()).containsEntry("mail.smtp.auth", "true");
        assertThat(without.getAuthUser()).isNull();
        assertThat(without.createFinalJavaxProperties()).doesNotContainKey("mail.smtp.auth");
    }

    @Test
    void tlsNoneNeverStartsTls() throws Exception {
        assertThat(javaMail("[127.0.0.1]:2601 tls=none"))
            .containsEntry("mail.smtp.starttls.enable", "false")
            .doesNotContainKey("mail.smtp.starttls.required");
    }

    @Test
    void tlsMayStartsTlsWhenOfferedWithAnyCertificate() throws Exception {
        assertThat(javaMail("[127.0.0.1]:2601 tls=may"))
            .containsEntry("mail.smtp.starttls.enable", "true")
            .containsEntry("mail.smtp.ssl.trust", "*")
            .containsEntry("mail.smtp.ssl.checkserveridentity", "false")
            .doesNotContainKey("mail.smtp.starttls.required");
    }

    @Test
    void tlsEncryptRequiresStartTlsWithAnyCertificate() throws Exception {
        assertThat(javaMail("[127.0.0.1]:2601 tls=encrypt"))
            .containsEntry("mail.smtp.starttls.enable", "true")
            .containsEntry("mail.smtp.starttls.required", "true")
            .containsEntry("mail.smtp.ssl.trust", "*");
    }

    @Test
    void tlsVerifyRequiresStartTlsATrustedCertificateAndTheHostName() throws Exception {
        assertThat(javaMail("[mx.relay.test]:25 tls=verify"))
            .containsEntry("mail.smtp.starttls.enable", "true")
            .containsEntry("mail.smtp.starttls.required", "true")
            .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
            .doesNotContainKey("mail.smtp.ssl.trust");
    }

    @Test
    void theMailetsOwnParametersStillApply() throws Exception {
        RemoteDeliveryConfiguration configuration = configuration("[127.0.0.1]:2601", Optional.empty());

        assertThat(configuration.getMaxRetries()).isEqualTo(7);
        assertThat(configuration.getBounceProcessor()).map(Object::toString).isPresent();
        assertThat(configuration.createFinalJavaxProperties())
            .containsEntry("mail.smtp.localhost", "relay.local.test")
            .containsEntry("mail.smtp.dsn.notify", "FAILURE");
    }

    @Test
    void parameterNamesListEachTransportParameterOnce() throws Exception {
        List<String> names = new ArrayList<>();
        TransportMailetConfig.of(MAILET_CONFIG, transport("[127.0.0.1]:2601 tls=encrypt"), Optional.empty())
            .getInitParameterNames().forEachRemaining(names::add);

        assertThat(names).doesNotHaveDuplicates().contains("gateway", "startTLS", "maxRetries", "mail.smtp.starttls.required");
    }
}
