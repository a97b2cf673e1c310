package org.jamesrelay.mailets;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.mail.Address;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.URLName;

import com.sun.mail.smtp.SMTPTransport;

/**
 * JavaMail's SMTP client, counting the messages whose end of data it sent, keeping the reply that failed the last
 * failed transaction (closing the session replaces JavaMail's last reply with the answer to QUIT), and pipelining
 * (RFC 2920) where the hop offers it.
 * <p>
 * A transaction that failed before its end of data cannot have been taken by the hop, so its mail may be sent again on
 * another connection; after the end of data, the hop may have taken it even if its answer never came.
 * <p>
 * <b>Pipelining.</b> JavaMail sends MAIL, each RCPT and DATA in lockstep, one round trip each. To a hop offering
 * PIPELINING, a transaction's RSET (for a reused session), MAIL, RCPT commands and DATA are written as one group:
 * JavaMail composes the transaction once while its commands are collected and every reply is taken as a success, the
 * group is written, then JavaMail runs the same steps again on the real replies, in order. So the envelope, the DSN
 * parameters and the handling of refused senders and recipients stay JavaMail's own. When a transaction fails before
 * its DATA, the replies to the commands already written are read and discarded before the next command.
 */
final class TrackedSmtpTransport extends SMTPTransport {
    private static final int OK = 250;
    private static final int START_MAIL_INPUT = 354;
    /**
     * A larger group's replies could fill the socket buffers while neither side reads (RFC 2920, section 3.1): such a
     * transaction is sent in lockstep.
     */
    static final int MAX_PIPELINED_RECIPIENTS = 100;

    private final String protocol;
    private final boolean pipeliningAllowed;
    private final Deque<String> writtenAhead = new ArrayDeque<>();
    private List<String> group;
    private int recipients;
    private boolean resetWithNextMail;
    private boolean resetRefused;
    private int endsOfData;
    private int failedTransactionReply;

    TrackedSmtpTransport(Session session, URLName url, boolean pipeliningAllowed) {
        super(session, url, url.getProtocol(), "smtps".equalsIgnoreCase(url.getProtocol()));
        this.protocol = url.getProtocol();
        this.pipeliningAllowed = pipeliningAllowed;
    }

    /** The sender of the next MAIL FROM; this session's properties are its own. */
    void useEnvelopeSender(String sender) {
        session.getProperties().put("mail." + protocol + ".from", sender);
    }

    /** The next mail starts with RSET, which also checks that the hop still answers: a reused session. */
    synchronized void resetWithNextMail() {
        resetWithNextMail = true;
    }

    /** How many messages this session sent up to their end of data ("." or the last BDAT chunk). */
    synchronized int endsOfData() {
        return endsOfData;
    }

    /** Whether the last failed transaction was refused with a permanent (5xx) reply, not cut short. */
    synchronized boolean lastFailureWasPermanent() {
        return failedTransactionReply >= 500 && failedTransactionReply <= 599;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        recipients = addresses.length;
        resetRefused = false;
        try {
            super.sendMessage(message, addresses);
        } catch (MessagingException e) {
            // A refused RSET says nothing of the mail: the session was not fit for it.
            failedTransactionReply = resetRefused ? 0 : getLastReturnCode();
            throw e;
        } finally {
            group = null;
        }
    }

    @Override
    protected void mailFrom() throws MessagingException {
        if (!pipelines()) {
            resetIfAsked();
            super.mailFrom();
            return;
        }
        group = new ArrayList<>();
        if (resetWithNextMail) {
            group.add("RSET");
        }
        super.mailFrom();
    }

    @Override
    protected void rcptTo() throws MessagingException {
        if (group == null) {
            super.rcptTo();
            return;
        }
        super.rcptTo();
        if (dataFollowsRecipients()) {
            group.add("DATA");
        }
        List<String> commands = group;
        group = null;
        for (String command : commands) {
            super.sendCommand(command);
            writtenAhead.addLast(command);
        }
        resetIfAsked();
        super.mailFrom();
        super.rcptTo();
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        if (group != null) {
            group.add(command);
        } else if (command.equals(writtenAhead.peekFirst())) {
            writtenAhead.removeFirst();
        } else {
            discardRepliesWrittenAhead();
            super.sendCommand(command);
        }
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        return group != null ? OK : super.readServerResponse();
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        endsOfData++;
        super.finishData();
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
        endsOfData++;
        super.finishBdat();
    }

    /**
     * The session ends: replies still due no longer matter. Should the hop have accepted a DATA written ahead, the
     * connection closes before any end of data, so the hop takes no message.
     */
    @Override
    public synchronized void close() throws MessagingException {
        writtenAhead.clear();
        super.close();
    }

    private boolean pipelines() {
        return pipeliningAllowed && recipients <= MAX_PIPELINED_RECIPIENTS && supportsExtension("PIPELINING");
    }

    /** JavaMail sends the content with DATA unless it is set to use BDAT chunks and the hop offers CHUNKING. */
    private boolean dataFollowsRecipients() {
        return chunkSize() <= 0 || !supportsExtension("CHUNKING");
    }

    private int chunkSize() {
        String value = session.getProperty("mail." + protocol + ".chunksize");
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void resetIfAsked() throws MessagingException {
        if (resetWithNextMail) {
            resetWithNextMail = false;
            if (simpleCommand("RSET") != OK) {
                resetRefused = true;
                throw new MessagingException("Reused session answered RSET with " + getLastServerResponse());
            }
        }
    }

    /** The transaction failed before the commands written ahead of it: their replies are read and dropped. */
    private void discardRepliesWrittenAhead() throws MessagingException {
        while (!writtenAhead.isEmpty()) {
            String command = writtenAhead.removeFirst();
            if (super.readServerResponse() == START_MAIL_INPUT && command.equals("DATA")) {
                throw new MessagingException("The hop accepted DATA for a transaction refused before it");
            }
        }
    }
}
