package org.jamesrelay.core;

/**
 * Identifiers of the rules that are not a policy entry of their own. Entries name themselves
 * ({@code trusted-network:192.0.2.0/24}, {@code relay-domain:relay.test}, {@code sender-login:alice@local.test}).
 */
public final class RuleIds {
    public static final String POLICY_UNAVAILABLE = "policy-unavailable";
    public static final String SENDER_SYNTAX = "sender-syntax";
    public static final String RECIPIENT_SYNTAX = "recipient-syntax";
    public static final String NULL_SENDER = "null-sender";
    public static final String ANY_SENDER = "sender";
    public static final String LOCAL_SENDER_REQUIRES_LOGIN = "local-senders-require-login";
    public static final String SENDER_ROUTING = "sender-routing";
    public static final String OPEN_RELAY = "relay-mode:open-relay";
    public static final String SERVED_SENDERS_ONLY = "served-senders-only";
    public static final String AUTHENTICATION_REQUIRED = "authentication-required";
    public static final String RELAY_DENIED = "relay-denied";
    public static final String HEADER_FROM = "header-from-must-be-owned";

    private RuleIds() {
    }

    public static String localDomain(String domain) {
        return "local-domain:" + domain;
    }

    /** The rule of a login's senders: its {@code sender-login} entry, or its own address and aliases when it has none. */
    public static String senderLogin(String login) {
        return "sender-login:" + login;
    }

    public static String relayRecipient(String domain) {
        return "relay-recipient:" + domain;
    }
}
