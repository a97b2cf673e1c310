package org.jamesrelay.benchmarks;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

import org.jamesrelay.core.AddressPattern;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.TrustedNetwork;
import org.jamesrelay.core.Verdict;

/**
 * The requests the decision benchmarks replay: pre-built {@link ClientContext}s and address strings, so that a
 * benchmark measures the decision and nothing else. Each request draws its client, sender and recipient at random
 * from the corpus (so lookups hit the whole tables, not one hot entry), and is checked once against the verdict its
 * scenario expects, so that a benchmark always measures the path it claims to.
 */
public final class RequestMix {
    /** What one request exercises, its share of the realistic mix (percent) and the verdict it must get. */
    public enum Scenario {
        // MAIL FROM: 20% of the decisions
        MAIL_FROM_OUTSIDER(10, Verdict.SENDER_ACCEPTED),
        MAIL_FROM_TRUSTED_LOCAL_SENDER(5, Verdict.SENDER_ACCEPTED),
        MAIL_FROM_LOGIN(5, Verdict.SENDER_ACCEPTED),
        // RCPT TO: 80%
        OUTSIDER_RELAY_DENIED(14, Verdict.DENY),
        OUTSIDER_AUTH_REQUIRED(3, Verdict.DENY),
        TRUSTED_RELAY_IPV4(12, Verdict.RELAY),
        TRUSTED_RELAY_IPV6(3, Verdict.RELAY),
        TRUSTED_LIMITED_SENDER_OK(2, Verdict.RELAY),
        TRUSTED_LIMITED_SENDER_DENIED(1, Verdict.DENY),
        RELAY_DOMAIN_KNOWN(14, Verdict.RELAY_DOMAIN),
        RELAY_DOMAIN_UNKNOWN(4, Verdict.DENY),
        RELAY_DOMAIN_ANY_RECIPIENT(2, Verdict.RELAY_DOMAIN),
        LOCAL_RECIPIENT(8, Verdict.LOCAL),
        BOUNCE_TO_LOCAL(2, Verdict.LOCAL),
        LOGIN_RELAY(8, Verdict.RELAY),
        LOGIN_RELAY_GRANTED_SENDER(2, Verdict.RELAY),
        LOGIN_SENDER_NOT_OWNED(1, Verdict.DENY),
        OUTSIDER_FORGES_LOCAL_SENDER(1, Verdict.DENY),
        SENDER_ROUTING(3, Verdict.DENY);

        final int weight;
        final Verdict expected;

        Scenario(int weight, Verdict expected) {
            this.weight = weight;
            this.expected = expected;
        }
    }

    /** One MAIL FROM (recipient null) or RCPT TO decision to make. */
    public static final class Request {
        final Scenario scenario;
        final ClientContext client;
        final String sender;
        final String recipient;

        Request(Scenario scenario, ClientContext client, String sender, String recipient) {
            this.scenario = scenario;
            this.client = client;
            this.sender = sender;
            this.recipient = recipient;
        }

        public Decision decide(RelayDecider decider) {
            return recipient == null ? decider.decideSender(client, sender) : decider.decideRecipient(client, sender, recipient);
        }

        @Override
        public String toString() {
            return scenario + " " + client + " from=<" + sender + ">" + (recipient == null ? "" : " to=<" + recipient + ">");
        }
    }

    private final PolicyCorpus corpus;
    private final RelayPolicy policy;
    private final Random random;
    private final List<PolicyCorpus.NetworkEntry> openNetworks = new ArrayList<>();
    private final List<PolicyCorpus.NetworkEntry> openIpv6Networks = new ArrayList<>();
    private final List<PolicyCorpus.NetworkEntry> limitedNetworks = new ArrayList<>();
    private final List<PolicyCorpus.RelayDomainEntry> listedDomains = new ArrayList<>();
    private final List<PolicyCorpus.RelayDomainEntry> openDomains = new ArrayList<>();
    private final Map<String, List<String>> recipientLists = new HashMap<>();
    private final Map<String, List<String>> aliasesByLogin = new HashMap<>();
    private final List<String> loginsWithAliases;

    public RequestMix(PolicyCorpus corpus, long seed) {
        this.corpus = corpus;
        this.policy = corpus.buildPolicy();
        this.random = new Random(seed);
        for (PolicyCorpus.NetworkEntry network : corpus.networks) {
            if (!network.senders.isEmpty()) {
                limitedNetworks.add(network);
            } else if (!network.servedSendersOnly) {
                (network.cidr.isIpv4() ? openNetworks : openIpv6Networks).add(network);
            }
        }
        for (PolicyCorpus.RelayDomainEntry domain : corpus.relayDomains) {
            if (domain.recipients.isPresent()) {
                listedDomains.add(domain);
                recipientLists.put(domain.name, new ArrayList<>(new TreeSet<>(domain.recipients.get())));
            } else {
                openDomains.add(domain);
            }
        }
        for (String[] alias : corpus.aliases) {
            aliasesByLogin.computeIfAbsent(alias[1], any -> new ArrayList<>()).add(alias[0]);
        }
        this.loginsWithAliases = new ArrayList<>(new TreeSet<>(aliasesByLogin.keySet()));
    }

    /** {@code count} requests drawn by the weights of the scenarios. */
    public Request[] mix(int count) {
        int total = 0;
        for (Scenario scenario : Scenario.values()) {
            total += scenario.weight;
        }
        Request[] requests = new Request[count];
        for (int i = 0; i < count; i++) {
            int draw = random.nextInt(total);
            for (Scenario scenario : Scenario.values()) {
                draw -= scenario.weight;
                if (draw < 0) {
                    requests[i] = request(scenario);
                    break;
                }
            }
        }
        return requests;
    }

    /** {@code count} requests of one scenario. */
    public Request[] of(Scenario scenario, int count) {
        Request[] requests = new Request[count];
        for (int i = 0; i < count; i++) {
            requests[i] = request(scenario);
        }
        return requests;
    }

    /**
     * Checks every request against the verdict of its scenario. Returns the count of requests per scenario.
     *
     * @throws IllegalStateException naming the first request whose decision is not the expected one
     */
    public static Map<Scenario, Integer> verify(RelayDecider decider, Request[] requests) {
        Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
        for (Request request : requests) {
            Decision decision = request.decide(decider);
            if (decision.verdict() != request.scenario.expected) {
                throw new IllegalStateException("expected " + request.scenario.expected + " for " + request + ", got " + decision);
            }
            counts.merge(request.scenario, 1, Integer::sum);
        }
        return counts;
    }

    public Request request(Scenario scenario) {
        switch (scenario) {
            case MAIL_FROM_OUTSIDER:
                return new Request(scenario, outsider(false), outsideAddress(), null);
            case MAIL_FROM_TRUSTED_LOCAL_SENDER:
                return new Request(scenario, trusted(openNetworks), localUser(), null);
            case MAIL_FROM_LOGIN: {
                String login = user();
                return new Request(scenario, loggedIn(login), login, null);
            }
            case OUTSIDER_RELAY_DENIED:
                return new Request(scenario, outsider(false), outsideAddress(), outsideAddress());
            case OUTSIDER_AUTH_REQUIRED:
                return new Request(scenario, outsider(true), outsideAddress(), outsideAddress());
            case TRUSTED_RELAY_IPV4:
                return new Request(scenario, trusted(openNetworks), random.nextBoolean() ? localUser() : outsideAddress(), outsideAddress());
            case TRUSTED_RELAY_IPV6:
                return new Request(scenario, trusted(openIpv6Networks), random.nextBoolean() ? localUser() : outsideAddress(), outsideAddress());
            case TRUSTED_LIMITED_SENDER_OK:
                while (true) {
                    PolicyCorpus.NetworkEntry network = PolicyCorpus.pick(random, limitedNetworks);
                    Optional<ClientContext> client = trustedIn(network);
                    if (client.isPresent()) {
                        return new Request(scenario, client.get(), matching(PolicyCorpus.pick(random, network.senders)), outsideAddress());
                    }
                }
            case TRUSTED_LIMITED_SENDER_DENIED:
                while (true) {
                    Optional<ClientContext> client = trustedIn(PolicyCorpus.pick(random, limitedNetworks));
                    if (client.isPresent()) {
                        return new Request(scenario, client.get(), outsideAddress(), outsideAddress());
                    }
                }
            case RELAY_DOMAIN_KNOWN: {
                List<String> recipients = recipientLists.get(PolicyCorpus.pick(random, listedDomains).name);
                String recipient = PolicyCorpus.pick(random, recipients);
                return new Request(scenario, outsider(false), outsideAddress(), random.nextInt(10) == 0 ? capitalized(recipient) : recipient);
            }
            case RELAY_DOMAIN_UNKNOWN:
                return new Request(scenario, outsider(false), outsideAddress(),
                    "nobody." + random.nextInt(1_000_000) + "@" + PolicyCorpus.pick(random, listedDomains).name);
            case RELAY_DOMAIN_ANY_RECIPIENT:
                return new Request(scenario, outsider(false), outsideAddress(),
                    "someone" + random.nextInt(1000) + "@" + PolicyCorpus.pick(random, openDomains).name);
            case LOCAL_RECIPIENT:
                return new Request(scenario, outsider(false), outsideAddress(), localUser());
            case BOUNCE_TO_LOCAL:
                return new Request(scenario, outsider(false), "", localUser());
            case LOGIN_RELAY: {
                if (random.nextInt(4) == 0) {
                    String login = PolicyCorpus.pick(random, loginsWithAliases);
                    return new Request(scenario, loggedIn(login), PolicyCorpus.pick(random, aliasesByLogin.get(login)), outsideAddress());
                }
                String login = user();
                return new Request(scenario, loggedIn(login), login, outsideAddress());
            }
            case LOGIN_RELAY_GRANTED_SENDER: {
                while (true) {
                    PolicyCorpus.LoginEntry login = PolicyCorpus.pick(random, corpus.senderLogins);
                    AddressPattern grant = PolicyCorpus.pick(random, login.owns);
                    // an @apps.<local domain> grant is not a served domain: a served-senders-only login may not relay with it
                    if (!login.servedSendersOnly || !grant.asString().startsWith("@")) {
                        return new Request(scenario, loggedIn(login.login), matching(grant), outsideAddress());
                    }
                }
            }
            case LOGIN_SENDER_NOT_OWNED:
                return new Request(scenario, loggedIn(user()), outsideAddress(), outsideAddress());
            case OUTSIDER_FORGES_LOCAL_SENDER:
                return new Request(scenario, outsider(false), localUser(), localUser());
            case SENDER_ROUTING:
                return new Request(scenario, outsider(false), outsideAddress(), routed());
            default:
                throw new IllegalArgumentException(scenario.name());
        }
    }

    /** The five forms of sender-specified routing, through a local domain, a relay domain or an outside host. */
    private String routed() {
        String user = PolicyCorpus.pick(random, List.of("jo", "info", "admin", "sales"));
        String dest = "dest-" + random.nextInt(10_000) + ".example";
        switch (random.nextInt(5)) {
            case 0:
                return user + "%" + dest + "@" + PolicyCorpus.pick(random, corpus.localDomains);
            case 1:
                return dest + "!" + user + "@" + PolicyCorpus.pick(random, listedDomains).name;
            case 2:
                return "\"" + user + "@" + dest + "\"@" + PolicyCorpus.pick(random, corpus.localDomains);
            case 3:
                return user + "@" + dest + "@hop-" + random.nextInt(1000) + ".example";
            default:
                return "@hop-" + random.nextInt(1000) + ".example:" + user + "@" + dest;
        }
    }

    private ClientContext outsider(boolean authOffered) {
        while (true) {
            byte[] bytes = new byte[random.nextInt(10) == 0 ? 16 : 4];
            random.nextBytes(bytes);
            if (bytes.length == 16) {
                bytes[0] = (byte) (0x20 | (bytes[0] & 0x1f));
            } else if (!PolicyCorpus.publicIpv4(bytes)) {
                continue;
            }
            InetAddress address = PolicyCorpus.address(bytes);
            if (policy.trustedNetworkOf(address).isEmpty()) {
                return ClientContext.from(address).helo("mx" + random.nextInt(100) + ".outside.example").authOffered(authOffered).build();
            }
        }
    }

    /** A client of one of these networks whose most specific trusted network is also in the list. */
    private ClientContext trusted(List<PolicyCorpus.NetworkEntry> networks) {
        while (true) {
            PolicyCorpus.NetworkEntry network = PolicyCorpus.pick(random, networks);
            ClientContext client = hostIn(network);
            Optional<TrustedNetwork> match = policy.trustedNetworkOf(client.address());
            if (match.isPresent() && match.get().senders().isEmpty() && !match.get().servedSendersOnly()) {
                return client;
            }
        }
    }

    /** A client whose most specific trusted network is this one, unless more specific networks cover it. */
    private Optional<ClientContext> trustedIn(PolicyCorpus.NetworkEntry network) {
        for (int tries = 0; tries < 100; tries++) {
            ClientContext client = hostIn(network);
            if (policy.trustedNetworkOf(client.address()).map(match -> match.cidr().equals(network.cidr)).orElse(false)) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }

    private ClientContext hostIn(PolicyCorpus.NetworkEntry network) {
        byte[] host = new byte[network.cidr.isIpv4() ? 4 : 16];
        random.nextBytes(host);
        byte[] net = corpusNetworkBytes(network);
        int length = network.cidr.prefixLength();
        for (int i = 0; i < host.length; i++) {
            int bits = Math.max(0, Math.min(8, length - i * 8));
            int mask = bits == 0 ? 0 : (0xff << (8 - bits)) & 0xff;
            host[i] = (byte) ((net[i] & mask) | (host[i] & ~mask));
        }
        return ClientContext.from(PolicyCorpus.address(host)).helo("host" + random.nextInt(1000) + ".customer.example").build();
    }

    private static byte[] corpusNetworkBytes(PolicyCorpus.NetworkEntry network) {
        String text = network.cidr.asString();
        return org.jamesrelay.core.IpAddresses.parse(text.substring(0, text.indexOf('/'))).getAddress();
    }

    /** A roaming user on the submission port: logged in, over TLS, from anywhere. */
    private ClientContext loggedIn(String login) {
        return ClientContext.from(outsider(true).address()).helo("laptop").login(login).tls(true).authOffered(true).build();
    }

    private String user() {
        return PolicyCorpus.pick(random, corpus.users);
    }

    private String localUser() {
        return user();
    }

    private String outsideAddress() {
        return PolicyCorpus.pick(random, List.of("john.doe", "jane", "newsletter", "bounce-" + random.nextInt(100_000), "m.mueller", "info"))
            + "@" + PolicyCorpus.pick(random, List.of("gmail", "outlook", "partner", "supplier", "customer"))
            + "-" + random.nextInt(50_000) + ".example";
    }

    private String matching(AddressPattern pattern) {
        String text = pattern.asString();
        return text.startsWith("@") ? "user" + random.nextInt(1000) + text : text;
    }

    private static String capitalized(String address) {
        return address.substring(0, 1).toUpperCase(Locale.ROOT) + address.substring(1);
    }
}
