package org.jamesrelay.cli;

import java.io.IOException;
import java.util.Optional;

/**
 * The relay under test and how to reach it: where to connect from, and the login to use for authenticated probes.
 */
public final class ProbeTarget {
    static final String EHLO_NAME = "selftest.invalid";

    private final String host;
    private final int port;
    private final String source;
    private final Optional<Credentials> credentials;

    public static final class Credentials {
        private final String login;
        private final String password;

        public Credentials(String login, String password) {
            this.login = login;
            this.password = password;
        }

        public String login() {
            return login;
        }
    }

    public ProbeTarget(String host, int port, String source, Optional<Credentials> credentials) {
        this.host = host;
        this.port = port;
        this.source = source;
        this.credentials = credentials;
    }

    /**
     * A session ready for MAIL FROM: greeted, and, when a login is given, encrypted and authenticated.
     *
     * @throws IOException when the session cannot be opened, or the login is refused (the probe cannot say anything then)
     */
    public SmtpClient openSession() throws IOException {
        SmtpClient client = SmtpClient.connect(source, host, port);
        ServerReply ehlo = client.ehlo(EHLO_NAME);
        if (ehlo.code() != 250) {
            client.close();
            throw new IOException("EHLO refused: " + ehlo);
        }
        if (credentials.isPresent()) {
            authenticate(client, credentials.get());
        }
        return client;
    }

    /** A greeted session, encrypted when the relay offers STARTTLS, without logging in. */
    public SmtpClient openSessionWithoutLogin() throws IOException {
        SmtpClient client = SmtpClient.connect(source, host, port);
        ServerReply ehlo = client.ehlo(EHLO_NAME);
        if (ehlo.code() == 250 && ehlo.mentions("STARTTLS")) {
            client.startTls(EHLO_NAME);
        }
        return client;
    }

    private static void authenticate(SmtpClient client, Credentials credentials) throws IOException {
        ServerReply tls = client.startTls(EHLO_NAME);
        ServerReply auth = client.authPlain(credentials.login, credentials.password);
        if (tls.code() != 250 || auth.code() != 235) {
            client.close();
            throw new IOException("cannot log in as " + credentials.login + ": STARTTLS " + tls + ", AUTH " + auth);
        }
    }

    public String host() {
        return host;
    }

    public Optional<Credentials> credentials() {
        return credentials;
    }
}
