package org.jamesrelay.core;

/**
 * Every SMTP reply the policy gives, in one place. Wording follows Postfix where it has an equivalent, so that
 * operators and their log searches recognise it.
 */
final class Replies {
    private static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Sender OK");
    private static final SmtpReply LOCAL_OK = recipientOkBecause("local");
    private static final SmtpReply RELAY_DOMAIN_OK = recipientOkBecause("relay domain");
    private static final SmtpReply TRUSTED_NETWORK_OK = recipientOkBecause("trusted network");
    private static final SmtpReply AUTHENTICATED_OK = recipientOkBecause("authenticated");
    private static final SmtpReply OPEN_RELAY_OK = recipientOkBecause("open relay");
    private static final SmtpReply AUTHENTICATION_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
    private static final SmtpReply STARTTLS_REQUIRED = SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    private static final SmtpReply MESSAGE_OK = SmtpReply.of(250, "2.6.0", "Message accepted");
    private static final SmtpReply POLICY_UNAVAILABLE = SmtpReply.of(451, "4.3.0", "Relay policy temporarily unavailable, try again later");

    private Replies() {
    }

    static SmtpReply senderOk() {
        return SENDER_OK;
    }

    static SmtpReply localOk() {
        return LOCAL_OK;
    }

    static SmtpReply relayDomainOk() {
        return RELAY_DOMAIN_OK;
    }

    static SmtpReply trustedNetworkOk() {
        return TRUSTED_NETWORK_OK;
    }

    static SmtpReply authenticatedOk() {
        return AUTHENTICATED_OK;
    }

    static SmtpReply openRelayOk() {
        return OPEN_RELAY_OK;
    }

    private static SmtpReply recipientOkBecause(String why) {
        return SmtpReply.of(250, "2.1.5", "Recipient OK (" + why + ")");
    }

    static SmtpReply badSenderSyntax(String reason) {
        return SmtpReply.of(501, "5.1.7", "Bad sender address syntax: " + reason);
    }

    static SmtpReply badRecipientSyntax(String reason) {
        return SmtpReply.of(501, "5.1.3", "Bad recipient address syntax: " + reason);
    }

    static SmtpReply senderNotOwned(String sender, String login) {
        return SmtpReply.of(553, "5.7.1", "<" + sender + ">: Sender address rejected: not owned by user " + login);
    }

    static SmtpReply senderNotLoggedIn(String sender) {
        return SmtpReply.of(553, "5.7.1", "<" + sender + ">: Sender address rejected: not logged in");
    }

    static SmtpReply senderRouting(String recipient, String routing) {
        return SmtpReply.of(553, "5.7.1", "<" + recipient + ">: Recipient address rejected: sender-specified routing ("
            + routing + ") is not allowed");
    }

    static SmtpReply unknownRelayRecipient(String recipient) {
        return SmtpReply.of(550, "5.1.1", "<" + recipient + ">: Recipient address rejected: User unknown in relay recipient table");
    }

    static SmtpReply relayDenied(String recipient, String why) {
        return SmtpReply.of(550, "5.7.1", "<" + recipient + ">: Relay access denied" + (why.isEmpty() ? "" : ": " + why));
    }

    static SmtpReply authenticationRequired() {
        return AUTHENTICATION_REQUIRED;
    }

    static SmtpReply startTlsRequired() {
        return STARTTLS_REQUIRED;
    }

    static SmtpReply messageOk() {
        return MESSAGE_OK;
    }

    static SmtpReply headerFromNotOwned(EnvelopeAddress author, String login) {
        return SmtpReply.of(550, "5.7.1", "From: header address <" + author + "> is not owned by user " + login);
    }

    static SmtpReply badHeaderFrom(String from, String reason) {
        return SmtpReply.of(550, "5.7.1", "From: header address '" + from + "' is not valid: " + reason);
    }

    static SmtpReply policyUnavailable() {
        return POLICY_UNAVAILABLE;
    }
}
