package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.smtp.FakeSession.AuthAnnounce;
import org.junit.jupiter.api.Test;

class SessionClientTest {
    @Test
    void shouldDescribeAnAnonymousClientByItsAddressOnly() throws Exception {
        ClientContext client = SessionClient.of(FakeSession.from("127.0.0.2"));

        assertThat(client.address()).isEqualTo(InetAddress.getByName("127.0.0.2"));
        assertThat(client.helo()).isEmpty();
        assertThat(client.login()).isEmpty();
        assertThat(client.tls()).isFalse();
        assertThat(client.authOffered()).isFalse();
    }

    @Test
    void shouldCarryTheHeloNameTheLoginInLowerCaseAndTls() {
        ClientContext client = SessionClient.of(FakeSession.from("127.0.0.2").helo("client.test").login("Alice@Local.test").tlsStarted());

        assertThat(client.helo()).contains("client.test");
        assertThat(client.login()).contains("alice@local.test");
        assertThat(client.tls()).isTrue();
        assertThat(client).hasToString("client=127.0.0.2 helo=client.test login=alice@local.test tls");
    }

    @Test
    void shouldOfferAuthWhereTheListenerAnnouncesIt() {
        assertThat(SessionClient.of(FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.ALWAYS)).authOffered()).isTrue();
    }

    @Test
    void shouldOfferAuthWhereTheListenerAnnouncesItOnceStartTlsIsDone() {
        FakeSession beforeStartTls = FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.AFTER_TLS).startTlsOffered();

        assertThat(SessionClient.authOfferedAfterStartTls(beforeStartTls)).isTrue();
        assertThat(SessionClient.of(beforeStartTls).authOffered()).isTrue();
    }

    @Test
    void shouldNotOfferAuthAfterStartTlsWhereStartTlsIsNotOffered() {
        FakeSession withoutStartTls = FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.AFTER_TLS);

        assertThat(SessionClient.authOfferedAfterStartTls(withoutStartTls)).isFalse();
        assertThat(SessionClient.of(withoutStartTls).authOffered()).isFalse();
    }

    @Test
    void shouldNotOfferAuthAfterStartTlsOnceTlsIsStarted() {
        FakeSession encrypted = FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.AFTER_TLS).tlsStarted();

        assertThat(SessionClient.authOfferedAfterStartTls(encrypted)).isFalse();
        assertThat(SessionClient.of(encrypted).authOffered()).isTrue();
    }

    @Test
    void shouldNotOfferAuthWhereTheListenerNeverAnnouncesIt() {
        FakeSession session = FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.NEVER).startTlsOffered();

        assertThat(SessionClient.of(session).authOffered()).isFalse();
    }
}
