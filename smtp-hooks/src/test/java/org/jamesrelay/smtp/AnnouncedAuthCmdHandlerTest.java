package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Response;
import org.jamesrelay.smtp.FakeSession.AuthAnnounce;
import org.junit.jupiter.api.Test;

class AnnouncedAuthCmdHandlerTest {
    private static Response auth(FakeSession session, String argument) {
        return new AnnouncedAuthCmdHandler().onCommand(session, new BaseRequest("AUTH", argument));
    }

    @Test
    void shouldAskForEncryptionFirstWhereAuthIsOfferedOnlyAfterStartTls() {
        Response response = auth(FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.AFTER_TLS).startTlsOffered(), "PLAIN");

        assertThat(response.getRetCode()).isEqualTo("538");
        assertThat(response.getLines()).containsExactly("538 5.7.11 Encryption required for requested authentication mechanism");
    }

    @Test
    void shouldRefuseAuthWhereItIsNeverOffered() {
        Response response = auth(FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.NEVER).startTlsOffered(), "PLAIN");

        assertThat(response.getRetCode()).isEqualTo("503");
        assertThat(response.getLines()).containsExactly("503 5.5.1 Error: authentication not enabled");
    }

    @Test
    void shouldRefuseAuthWhereItIsOfferedOnlyAfterTlsButTheListenerHasNoStartTls() {
        assertThat(auth(FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.AFTER_TLS), "PLAIN").getRetCode()).isEqualTo("503");
    }

    @Test
    void shouldLetJamesHandleAuthWhereItIsAnnounced() {
        Response response = auth(FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.ALWAYS), "CRAM-MD5");

        assertThat(response.getRetCode()).isEqualTo("504");
        assertThat(response.getLines()).containsExactly("504 Unrecognized Authentication Type");
    }

    @Test
    void shouldLetJamesHandleAuthOnceTlsHasMadeItAvailable() {
        Response response = auth(FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.AFTER_TLS).tlsStarted(), null);

        assertThat(response.getRetCode()).isEqualTo("501");
    }

    @Test
    void shouldLetJamesAnswerAClientThatIsAlreadyLoggedIn() {
        Response response = auth(FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.NEVER).login("alice@local.test"), "PLAIN");

        assertThat(response.getRetCode()).isEqualTo("503");
        assertThat(response.getLines()).singleElement().asString().contains("User has previously authenticated");
    }
}
