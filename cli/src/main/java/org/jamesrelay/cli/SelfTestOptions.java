package org.jamesrelay.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The command line of {@code james-relay selftest}.
 */
final class SelfTestOptions {
    static final String USAGE = String.join("\n",
        "Usage: james-relay selftest --host H --port P [OPTIONS]",
        "",
        "Tries every relay-abuse form we know against an SMTP relay and reports each probe as REFUSED or",
        "ACCEPTED with the reply it got. Exit status: 0 when everything was refused, 1 when anything was",
        "accepted that should not be, 2 on a usage or connection error. Relay probes never send a message.",
        "",
        "  --host H             the relay to test (an IP address or a name)",
        "  --port P             its SMTP port",
        "  --source ADDR        local address to connect from, e.g. 127.0.0.2 to be an untrusted client",
        "                       on the relay's own machine [default: chosen by the system]",
        "  --local-domain D     a domain the relay is the destination of: used as the hop of sender-routed",
        "                       addresses and for the local-sender spoofing probe",
        "  --recipient R        an address the relay accepts from this client (a local user or a relay-domain",
        "                       recipient): needed by the smuggling and recipient-flood probes, which send one",
        "                       carrier message to it per smuggling form",
        "  --sender S           the sender of every relay and syntax probe, instead of nmap's set: e.g. an",
        "                       address that the trusted network you connect from may not use",
        "  --login U --password P",
        "                       probe as this authenticated user (STARTTLS then AUTH PLAIN); the relay and",
        "                       syntax probes then use --other-sender, which the relay must refuse",
        "  --other-sender S     with --login: an address the login does not own [default: someone-else@ its domain]",
        "  --recipient-flood N  recipients in the flood probe [default: 1001, one over Postfix's limit]",
        "  --harvest N          unknown recipients in the directory-harvest probe [default: 100]",
        "  --brute-force N      run the password-guessing probe with N wrong passwords, on this --port (with",
        "                       --login, for that login); it locks the --source address out of AUTH [default: off]");

    private static final int DEFAULT_HARVEST = 100;
    private static final List<String> OPTIONS = List.of("host", "port", "source", "local-domain", "recipient", "sender", "login", "password",
        "other-sender", "recipient-flood", "harvest", "brute-force");

    private final String host;
    private final String hostAddress;
    private final int port;
    private final String source;
    private final Optional<String> localDomain;
    private final Optional<String> recipient;
    private final Optional<ProbeTarget.Credentials> credentials;
    private final Optional<String> otherSender;
    private final Optional<String> sender;
    private final int recipientFlood;
    private final int harvest;
    private final int bruteForce;

    /** @throws IllegalArgumentException for a usage error, with the message to print */
    static SelfTestOptions parse(List<String> args) {
        Options options = new Options();
        OPTIONS.forEach(name -> options.addOption(Option.builder().longOpt(name).hasArg().build()));
        try {
            ParsedArguments parsed = ParsedArguments.parse(options, args);
            if (!parsed.words().isEmpty()) {
                throw new IllegalArgumentException("expected --OPTION VALUE, got '" + parsed.words().get(0) + "'");
            }
            Map<String, String> values = new HashMap<>();
            for (String option : parsed.given()) {
                if (parsed.count(option) > 1) {
                    throw new IllegalArgumentException(option + " is given twice");
                }
                values.put(option.substring(2), parsed.first(option).orElseThrow());
            }
            return new SelfTestOptions(values);
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private SelfTestOptions(Map<String, String> values) {
        this.host = required(values, "host");
        this.port = number(required(values, "port"), "--port");
        this.source = Optional.ofNullable(values.get("source")).orElse("0.0.0.0");
        this.localDomain = Optional.ofNullable(values.get("local-domain"));
        this.recipient = Optional.ofNullable(values.get("recipient"));
        Optional<String> login = Optional.ofNullable(values.get("login"));
        Optional<String> password = Optional.ofNullable(values.get("password"));
        if (login.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("--login and --password go together");
        }
        this.credentials = login.map(user -> new ProbeTarget.Credentials(user, password.orElseThrow()));
        this.otherSender = Optional.ofNullable(values.get("other-sender"));
        this.sender = Optional.ofNullable(values.get("sender"));
        this.recipientFlood = Optional.ofNullable(values.get("recipient-flood")).map(value -> number(value, "--recipient-flood")).orElse(1001);
        this.harvest = Optional.ofNullable(values.get("harvest")).map(value -> number(value, "--harvest")).orElse(DEFAULT_HARVEST);
        this.bruteForce = Optional.ofNullable(values.get("brute-force")).map(value -> number(value, "--brute-force")).orElse(0);
        this.hostAddress = resolve(host);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int number(String value, String name) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a number, got '" + value + "'");
        }
    }

    private static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve --host " + host);
        }
    }

    ProbeTarget target() {
        return new ProbeTarget(host, port, source, credentials);
    }

    String hostAddress() {
        return hostAddress;
    }

    Optional<String> localDomain() {
        return localDomain;
    }

    Optional<String> recipient() {
        return recipient;
    }

    Optional<ProbeTarget.Credentials> credentials() {
        return credentials;
    }

    String otherSender() {
        return otherSender.orElseGet(() -> "someone-else@" + credentials
            .flatMap(login -> ProbeCatalog.domainOf(login.login()))
            .orElse(ProbeCatalog.OUTSIDE_DOMAIN));
    }

    /** The sender every relay and syntax probe uses, when it is not the probe's own. */
    Optional<String> relayProbeSender() {
        return sender.or(() -> credentials.map(login -> otherSender()));
    }

    int harvest() {
        return harvest;
    }

    /** 0: the password-guessing probe is not run. */
    int bruteForce() {
        return bruteForce;
    }

    int recipientFlood() {
        return recipientFlood;
    }
}
