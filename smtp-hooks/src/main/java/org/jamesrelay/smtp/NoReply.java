package org.jamesrelay.smtp;

import java.util.List;

import org.apache.james.protocols.api.Response;

/** What a connect handler that writes nothing answers: James's JMX monitor of connect handlers needs a reply. */
final class NoReply implements Response {
    static final Response INSTANCE = new NoReply();

    private NoReply() {
    }

    @Override
    public String getRetCode() {
        return "";
    }

    @Override
    public List<CharSequence> getLines() {
        return List.of();
    }

    @Override
    public boolean isEndSession() {
        return false;
    }
}
