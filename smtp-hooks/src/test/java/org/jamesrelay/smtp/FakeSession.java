package org.jamesrelay.smtp;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.utils.BaseFakeSMTPSession;

/**
 * James's fake SMTP session with what the hooks read: the client's address, its HELO name, its login, whether TLS is
 * started or offered, and when the listener announces AUTH. AUTH is announced as James does it, by asking the
 * listener's configuration with the session's address and TLS state.
 */
final class FakeSession extends BaseFakeSMTPSession {
    /** When a listener announces AUTH in its EHLO reply. */
    enum AuthAnnounce {
        NEVER,
        ALWAYS,
        /** {@code <requireSSL>true</requireSSL>}: only once the session is encrypted. */
        AFTER_TLS
    }

    private final InetSocketAddress remoteAddress;
    private final Map<AttachmentKey<?>, Object> connectionState = new HashMap<>();
    private final Map<AttachmentKey<?>, Object> transactionState = new HashMap<>();
    private AuthAnnounce authAnnounce = AuthAnnounce.NEVER;
    private boolean startTlsSupported;
    private boolean tlsStarted;
    private Username username;
    private final Deque<LineHandler<?>> lineHandlers = new ArrayDeque<>();

    private FakeSession(String address) {
        this.remoteAddress = new InetSocketAddress(address, 40000);
    }

    static FakeSession from(String address) {
        return new FakeSession(address);
    }

    @Override
    public <T extends ProtocolSession> void pushLineHandler(LineHandler<T> overrideCommandHandler) {
        lineHandlers.push(overrideCommandHandler);
    }

    @Override
    public void popLineHandler() {
        lineHandlers.pop();
    }

    /** The line handler pushed last and not popped, which James would hand the client's lines to. */
    Optional<LineHandler<?>> lineHandler() {
        return Optional.ofNullable(lineHandlers.peek());
    }

    FakeSession helo(String name) {
        setAttachment(SMTPSession.CURRENT_HELO_NAME, name, State.Connection);
        return this;
    }

    FakeSession login(String login) {
        username = Username.of(login);
        return this;
    }

    FakeSession startTlsOffered() {
        startTlsSupported = true;
        return this;
    }

    FakeSession tlsStarted() {
        startTlsSupported = true;
        tlsStarted = true;
        return this;
    }

    FakeSession authAnnounced(AuthAnnounce announce) {
        authAnnounce = announce;
        return this;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remoteAddress;
    }

    @Override
    public Username getUsername() {
        return username;
    }

    @Override
    public boolean isStartTLSSupported() {
        return startTlsSupported;
    }

    @Override
    public boolean isTLSStarted() {
        return tlsStarted;
    }

    @Override
    public boolean isAuthAnnounced() {
        return getConfiguration().isAuthAnnounced(remoteAddress.getAddress().getHostAddress(), tlsStarted);
    }

    @Override
    public SMTPConfiguration getConfiguration() {
        return new SMTPConfigurationImpl() {
            @Override
            public boolean isAuthAnnounced(String remoteIP, boolean tlsStarted) {
                return authAnnounce == AuthAnnounce.ALWAYS || (authAnnounce == AuthAnnounce.AFTER_TLS && tlsStarted);
            }
        };
    }

    @Override
    public <T> Optional<T> setAttachment(AttachmentKey<T> key, T value, State state) {
        return key.convert(stateOf(state).put(key, value));
    }

    @Override
    public <T> Optional<T> removeAttachment(AttachmentKey<T> key, State state) {
        return key.convert(stateOf(state).remove(key));
    }

    @Override
    public <T> Optional<T> getAttachment(AttachmentKey<T> key, State state) {
        return key.convert(stateOf(state).get(key));
    }

    private Map<AttachmentKey<?>, Object> stateOf(State state) {
        return state == State.Connection ? connectionState : transactionState;
    }
}
