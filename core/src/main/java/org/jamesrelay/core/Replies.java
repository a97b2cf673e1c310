package org.jamesrelay.core;

/**
 * Every SMTP reply the policy gives, in one place. Wording follows Postfix where it has an equivalent, so that
 * operators and their log searches recognise it.
 */
final class Replies {
    private Replies() {
    }

    static SmtpReply senderOk() {
        return SmtpReply.of(250, "2.1.0", "Sender OK");
    }

    static SmtpReply recipientOk(String why) {
        return SmtpReply.of(250, "2.1.5", "Recipient OK (" + why + ")");
    }

    static SmtpReply badSenderSyntax(String reason) {
        return SmtpReply.of(501, "5.1.7", "Bad sender address syntax: " + reason);
    }

    static SmtpReply badRecipientSyntax(String reason) {
        return SmtpReply.of(501, "5.1.3", "Bad recipient address syntax: " + reason);
    }

    static SmtpReply senderNotOwned(EnvelopeAddress sender, String login) {
        return SmtpReply.of(553, "5.7.1", "<" + sender + ">: Sender address rejected: not owned by user " + login);
    }

    static SmtpReply senderNotLoggedIn(EnvelopeAddress sender) {
        return SmtpReply.of(553, "5.7.1", "<" + sender + ">: Sender address rejected: not logged in");
    }

    static SmtpReply senderRouting(EnvelopeAddress recipient) {
        return SmtpReply.of(553, "5.7.1", "<" + recipient + ">: Recipient address rejected: sender-specified routing ("
            + recipient.senderRouting().orElse("routing") + ") is not allowed");
    }

    static SmtpReply unknownRelayRecipient(EnvelopeAddress recipient) {
        return SmtpReply.of(550, "5.1.1", "<" + recipient + ">: Recipient address rejected: User unknown in relay recipient table");
    }

    static SmtpReply relayDenied(EnvelopeAddress recipient, String why) {
        return SmtpReply.of(550, "5.7.1", "<" + recipient + ">: Relay access denied" + (why.isEmpty() ? "" : ": " + why));
    }

    static SmtpReply authenticationRequired() {
        return SmtpReply.of(530, "5.7.0", "Authentication required");
    }

    static SmtpReply startTlsRequired() {
        return SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    }

    static SmtpReply messageOk() {
        return SmtpReply.of(250, "2.6.0", "Message accepted");
    }

    static SmtpReply headerFromNotOwned(EnvelopeAddress author, String login) {
        return SmtpReply.of(550, "5.7.1", "From: header address <" + author + "> is not owned by user " + login);
    }

    static SmtpReply badHeaderFrom(String from, String reason) {
        return SmtpReply.of(550, "5.7.1", "From: header address '" + from + "' is not valid: " + reason);
    }

    static SmtpReply policyUnavailable() {
        return SmtpReply.of(451, "4.3.0", "Relay policy temporarily unavailable, try again later");
    }
}
