package org.jamesrelay.webadmin;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.IpAddresses;

import spark.Request;

/**
 * What {@code /relay/explain} is asked about: a client and an envelope, from a JSON body or from query parameters.
 * Failures are {@link IllegalArgumentException}s whose message says what is wrong, for a 400 answer.
 */
final class ExplainRequest {
    private static final Set<String> FIELDS = Set.of("client", "helo", "login", "tls", "authOffered", "sender", "recipient");

    private final ClientContext client;
    private final String sender;
    private final String recipient;

    private ExplainRequest(ClientContext client, String sender, String recipient) {
        this.client = client;
        this.sender = sender;
        this.recipient = recipient;
    }

    static ExplainRequest fromJson(String body) {
        JsonBody json = JsonBody.object(body, FIELDS);
        return of(json.requiredString("client"), json.string("helo"), json.string("login"),
            json.bool("tls"), json.bool("authOffered"), json.requiredString("sender"), json.requiredString("recipient"));
    }

    static ExplainRequest fromQuery(Request request) {
        for (String name : request.queryParams()) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; the parameters are " + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        return of(required(request, "client"),
            Optional.ofNullable(request.queryParams("helo")), Optional.ofNullable(request.queryParams("login")),
            flag(request, "tls"), flag(request, "authOffered"),
            required(request, "sender"),
            required(request, "recipient"));
    }

    private static String required(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).orElseThrow(() -> new IllegalArgumentException(name + " is missing"));
    }

    /** A bare {@code ?tls} is true. */
    private static boolean flag(Request request, String name) {
        String value = request.queryParams(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
    }

    private static ExplainRequest of(String client, Optional<String> helo, Optional<String> login, boolean tls,
                                     boolean authOffered, String sender, String recipient) {
        InetAddress address;
        try {
            address = IpAddresses.parse(client.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client: " + e.getMessage());
        }
        if (recipient.isBlank()) {
            throw new IllegalArgumentException("recipient is empty");
        }
        ClientContext context = ClientContext.from(address)
            .helo(helo.filter(value -> !value.isBlank()))
            .login(login.filter(value -> !value.isBlank()))
            .tls(tls)
            .authOffered(authOffered)
            .build();
        return new ExplainRequest(context, sender, recipient);
    }

    ClientContext client() {
        return client;
    }

    String sender() {
        return sender;
    }

    String recipient() {
        return recipient;
    }
}
