package org.jamesrelay.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.jamesrelay.core.AddressPattern;
import org.jamesrelay.core.AuthenticatedRelay;
import org.jamesrelay.core.Cidr;
import org.jamesrelay.core.IpAddresses;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyDecider;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.RelayPolicyBuilder;
import org.jamesrelay.core.RelayDomain;
import org.jamesrelay.core.SenderLogin;
import org.jamesrelay.core.TrustedNetwork;

/**
 * A large, realistic and reproducible relay policy with its James directory, generated from a seed: the entries
 * as plain validated values (what a reload starts from once the text is read), the snapshot built from them, and
 * the same policy as a policy file.
 * <p>
 * At {@link Size#FULL}: 100,000 trusted networks (90% IPv4 /16../32, 10% IPv6 /32../128 over 14 prefix lengths;
 * 10% limited with {@code senders=}, 3% {@code served-senders-only}), 1,000 relay domains (100 accepting any
 * recipient, 900 sharing 100,000 known recipients with a Zipf spread: the largest has about 13,500, the median
 * about 30), 1,000 sender logins, and a directory of 300 local domains, 50 domain aliases and 2,000 address aliases.
 * Settings: {@code authenticated-relay tls-only}, {@code local-senders-require-login yes},
 * {@code served-senders-only no}. Routes (next hops per domain) are not part of the policy yet, so none are generated.
 */
public final class PolicyCorpus {
    public static final long SEED = 0x4a414d4553L;

    private static final String[] FIRST_NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
        "ivan", "judy", "karl", "laura", "mallory", "nina", "oscar", "peggy", "quentin", "rupert", "sybil", "trent",
        "ursula", "victor", "walter", "xavier", "yvonne", "zoe", "anna", "ben", "chloe", "dan", "eva", "felix",
        "gina", "hugo", "iris", "jan", "kim", "leo", "mia", "noah", "olga", "paul", "rosa", "sam", "tina", "uwe",
        "vera", "will", "yann", "zack"};
    private static final String[] LAST_NAMES = {"smith", "jones", "martin", "bernard", "dubois", "muller", "schmidt",
        "rossi", "garcia", "lopez", "silva", "novak", "kowalski", "jensen", "nielsen", "berg", "virtanen", "horvat",
        "popescu", "ivanov", "murphy", "kelly", "walsh", "brown", "wilson", "taylor", "clark", "lewis", "young", "king",
        "wright", "hill", "green", "baker", "adams", "nelson", "carter", "mitchell", "perez", "roberts", "turner",
        "phillips", "campbell", "parker", "evans", "edwards", "collins", "stewart", "morris", "rogers"};
    private static final String[] STEMS = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne",
        "wonka", "tyrell", "cyberdyne", "soylent", "aperture", "oscorp", "vandelay", "dunder", "prestige", "monarch",
        "gringotts", "nakatomi", "massive"};
    private static final String[] TLDS = {"com", "net", "org", "de", "fr", "io", "eu", "co.uk"};
    private static final String[] SERVICE_LOCAL_PARTS = {"scanner", "printer", "noreply", "alerts", "billing", "crm",
        "monitoring", "backup", "erp", "newsletter"};

    /** IPv4 prefix lengths 16..32 and their weights (sum 100): mostly hosts and /24s, as operators list them. */
    private static final int[] IPV4_WEIGHTS = {2, 1, 1, 1, 2, 2, 3, 3, 20, 2, 3, 4, 6, 8, 4, 1, 37};
    private static final int[] IPV6_LENGTHS = {32, 40, 44, 48, 52, 56, 60, 64, 96, 112, 120, 126, 127, 128};
    private static final int[] IPV6_WEIGHTS = {3, 2, 2, 20, 2, 15, 3, 30, 1, 2, 2, 3, 1, 14};

    /** How big a corpus is. */
    public static final class Size {
        /** The size of the issue: 100,000 networks and 100,000 relay recipients. */
        public static final Size FULL = new Size(100_000, 1_000, 100_000, 1_000, 300, 50, 2_000);
        /** For the unit tests of the generator. */
        public static final Size SMALL = new Size(2_000, 50, 2_000, 50, 20, 5, 100);

        final int networks;
        final int relayDomains;
        final int relayRecipients;
        final int senderLogins;
        final int localDomains;
        final int domainAliases;
        final int aliases;

        Size(int networks, int relayDomains, int relayRecipients, int senderLogins, int localDomains, int domainAliases, int aliases) {
            this.networks = networks;
            this.relayDomains = relayDomains;
            this.relayRecipients = relayRecipients;
            this.senderLogins = senderLogins;
            this.localDomains = localDomains;
            this.domainAliases = domainAliases;
            this.aliases = aliases;
        }

        public static Size named(String name) {
            switch (name) {
                case "FULL":
                    return FULL;
                case "SMALL":
                    return SMALL;
                default:
                    throw new IllegalArgumentException("unknown corpus size " + name + "; sizes are FULL, SMALL");
            }
        }
    }

    /** A trusted network entry as validated values. */
    public static final class NetworkEntry {
        final Cidr cidr;
        final List<AddressPattern> senders;
        final boolean servedSendersOnly;
        final String text;

        NetworkEntry(Cidr cidr, List<AddressPattern> senders, boolean servedSendersOnly, String text) {
            this.cidr = cidr;
            this.senders = senders;
            this.servedSendersOnly = servedSendersOnly;
            this.text = text;
        }

        TrustedNetwork toTrustedNetwork() {
            return new TrustedNetwork(cidr, senders, servedSendersOnly);
        }
    }

    /** A relay domain with its known recipients (lookup keys), in a mutable set as a reader would collect them. */
    public static final class RelayDomainEntry {
        final String name;
        final Optional<Set<String>> recipients;

        RelayDomainEntry(String name, Optional<Set<String>> recipients) {
            this.name = name;
            this.recipients = recipients;
        }
    }

    public static final class LoginEntry {
        final String login;
        final List<AddressPattern> owns;
        final boolean servedSendersOnly;

        LoginEntry(String login, List<AddressPattern> owns, boolean servedSendersOnly) {
            this.login = login;
            this.owns = owns;
            this.servedSendersOnly = servedSendersOnly;
        }
    }

    final List<NetworkEntry> networks;
    final List<RelayDomainEntry> relayDomains;
    final List<LoginEntry> senderLogins;
    final List<String> localDomains;
    /** alias domain, target domain */
    final List<String[]> domainAliases;
    /** address, login */
    final List<String[]> aliases;
    /** Logins of the directory (mailbox owners), sender logins included. */
    final List<String> users;

    public static PolicyCorpus generate(Size size, long seed) {
        return new PolicyCorpus(size, new Random(seed));
    }

    public static PolicyCorpus full() {
        return generate(Size.FULL, SEED);
    }

    private PolicyCorpus(Size size, Random random) {
        Set<String> usedDomains = new HashSet<>();
        this.localDomains = new ArrayList<>();
        for (int i = 0; i < size.localDomains; i++) {
            localDomains.add(uniqueDomain(random, usedDomains, i % 7 == 0 ? "mail" : null));
        }
        this.domainAliases = new ArrayList<>();
        for (int i = 0; i < size.domainAliases; i++) {
            domainAliases.add(new String[] {uniqueDomain(random, usedDomains, "alias"), pick(random, localDomains)});
        }
        Set<String> usedAddresses = new HashSet<>();
        this.users = new ArrayList<>();
        for (int i = 0; i < Math.max(size.senderLogins * 3, size.aliases); i++) {
            users.add(uniqueAddress(random, usedAddresses, pick(random, localDomains)));
        }
        this.aliases = new ArrayList<>();
        for (int i = 0; i < size.aliases; i++) {
            String local = i % 4 == 0 ? SERVICE_LOCAL_PARTS[random.nextInt(SERVICE_LOCAL_PARTS.length)] : FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
            String address = uniqueLocalPart(random, usedAddresses, local, pick(random, localDomains));
            aliases.add(new String[] {address, pick(random, users)});
        }
        this.senderLogins = new ArrayList<>();
        for (int i = 0; i < size.senderLogins; i++) {
            String login = users.get(i);
            String domain = login.substring(login.indexOf('@') + 1);
            List<AddressPattern> owns = new ArrayList<>();
            int grants = 1 + random.nextInt(3);
            for (int g = 0; g < grants; g++) {
                owns.add(g == 0 && i % 3 == 0
                    ? AddressPattern.parse("@" + STEMS[random.nextInt(STEMS.length)] + "-" + i + ".apps." + domain)
                    : AddressPattern.parse(uniqueLocalPart(random, usedAddresses, SERVICE_LOCAL_PARTS[random.nextInt(SERVICE_LOCAL_PARTS.length)], pick(random, localDomains))));
            }
            senderLogins.add(new LoginEntry(login, List.copyOf(owns), i % 10 == 0));
        }
        this.relayDomains = relayDomains(size, random, usedDomains);
        this.networks = networks(size, random);
    }

    private List<RelayDomainEntry> relayDomains(Size size, Random random, Set<String> usedDomains) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size.relayDomains; i++) {
            names.add(uniqueDomain(random, usedDomains, null));
        }
        int withList = size.relayDomains - size.relayDomains / 10;
        int[] counts = zipfCounts(withList, size.relayRecipients, random);
        List<RelayDomainEntry> domains = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i < withList) {
                Set<String> recipients = new HashSet<>();
                while (recipients.size() < counts[i]) {
                    recipients.add(personLocalPart(random, recipients.size()) + "@" + names.get(i));
                }
                domains.add(new RelayDomainEntry(names.get(i), Optional.of(recipients)));
            } else {
                domains.add(new RelayDomainEntry(names.get(i), Optional.empty()));
            }
        }
        Collections.shuffle(domains, random);
        return List.copyOf(domains);
    }

    /** Splits total over n domains with weights 1/rank (Zipf), at least one each, in random order. */
    private static int[] zipfCounts(int n, int total, Random random) {
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / (i + 1);
            sum += weights[i];
        }
        int[] counts = new int[n];
        int assigned = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = Math.max(1, (int) Math.floor(total * weights[i] / sum));
            assigned += counts[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % n) {
            counts[i]++;
            assigned++;
        }
        for (int i = 0; assigned > total; i = (i + 1) % n) {
            if (counts[n - 1 - i] > 1) {
                counts[n - 1 - i]--;
                assigned--;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = counts[i];
            counts[i] = counts[j];
            counts[j] = swap;
        }
        return counts;
    }

    private List<NetworkEntry> networks(Size size, Random random) {
        int ipv6 = size.networks / 10;
        Set<Cidr> seen = new HashSet<>();
        List<NetworkEntry> entries = new ArrayList<>();
        while (entries.size() < size.networks) {
            boolean v6 = entries.size() < ipv6;
            Cidr cidr = v6 ? randomIpv6Network(random) : randomIpv4Network(random);
            if (!seen.add(cidr)) {
                continue;
            }
            int kind = random.nextInt(100);
            List<AddressPattern> senders = List.of();
            boolean servedOnly = false;
            StringBuilder text = new StringBuilder("trusted-network ").append(cidr.asString());
            if (kind < 10) {
                List<AddressPattern> patterns = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    String domain = pick(random, localDomains);
                    patterns.add(AddressPattern.parse(i == 0 && kind % 2 == 0 ? "@" + domain
                        : SERVICE_LOCAL_PARTS[random.nextInt(SERVICE_LOCAL_PARTS.length)] + "@" + domain));
                }
                senders = List.copyOf(new LinkedHashSet<>(patterns));
                text.append(" senders=").append(senders.stream().map(AddressPattern::asString).collect(Collectors.joining(",")));
            } else if (kind < 13) {
                servedOnly = true;
                text.append(" served-senders-only");
            }
            entries.add(new NetworkEntry(cidr, senders, servedOnly, text.toString()));
        }
        Collections.shuffle(entries, random);
        return List.copyOf(entries);
    }

    private static Cidr randomIpv4Network(Random random) {
        int length = 16 + weighted(random, IPV4_WEIGHTS);
        byte[] bytes = new byte[4];
        do {
            random.nextBytes(bytes);
        } while (!publicIpv4(bytes));
        return Cidr.parse(IpAddresses.format(address(mask(bytes, length))) + "/" + length);
    }

    /** Not 0/8, 10/8, 127/8, multicast or reserved: networks and outside clients are spread over the public space. */
    static boolean publicIpv4(byte[] bytes) {
        int first = bytes[0] & 0xff;
        return first != 0 && first != 10 && first != 127 && first < 224;
    }

    private static Cidr randomIpv6Network(Random random) {
        int length = IPV6_LENGTHS[weighted(random, IPV6_WEIGHTS)];
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] = (byte) (0x20 | (bytes[0] & 0x1f)); // 2000::/3, global unicast
        return Cidr.parse(IpAddresses.format(address(mask(bytes, length))) + "/" + length);
    }

    static byte[] mask(byte[] bytes, int length) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int bits = Math.max(0, Math.min(8, length - i * 8));
            masked[i] = (byte) (masked[i] & (bits == 0 ? 0 : (0xff << (8 - bits)) & 0xff));
        }
        return masked;
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int weighted(Random random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    private static String uniqueDomain(Random random, Set<String> used, String prefix) {
        while (true) {
            String stem = STEMS[random.nextInt(STEMS.length)];
            String name = (prefix == null ? "" : prefix + ".") + stem + "-" + random.nextInt(100_000) + "." + TLDS[random.nextInt(TLDS.length)];
            if (used.add(name)) {
                return name;
            }
        }
    }

    private static String uniqueAddress(Random random, Set<String> used, String domain) {
        return uniqueLocalPart(random, used, FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + "." + LAST_NAMES[random.nextInt(LAST_NAMES.length)], domain);
    }

    private static String uniqueLocalPart(Random random, Set<String> used, String local, String domain) {
        String address = local + "@" + domain;
        for (int n = 2; !used.add(address); n++) {
            address = local + n + "@" + domain;
        }
        return address;
    }

    /** first.last, first.last2, ... : unique within a domain once the plain names run out. */
    private static String personLocalPart(Random random, int index) {
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + "." + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        return index < 500 ? name : name + random.nextInt(1000);
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ---------------------------------------------------------------- snapshots

    /** The policy snapshot, built from the entries: what a reload does once its source is read. */
    public RelayPolicy buildPolicy() {
        RelayPolicyBuilder builder = RelayPolicy.builder()
            .authenticatedRelay(new AuthenticatedRelay(AuthenticatedRelay.Mode.TLS_ONLY, false))
            .localSendersRequireLogin(true)
            .servedSendersOnly(false);
        for (NetworkEntry network : networks) {
            builder.trustedNetwork(network.toTrustedNetwork());
        }
        for (RelayDomainEntry domain : relayDomains) {
            builder.relayDomain(new RelayDomain(domain.name, domain.recipients));
        }
        for (LoginEntry login : senderLogins) {
            builder.senderLogin(new SenderLogin(login.login, login.owns, login.servedSendersOnly));
        }
        return builder.build();
    }

    /** The directory snapshot, as the James binding mirrors it from the DomainList and the RecipientRewriteTable. */
    public LocalDirectory buildDirectory() {
        LocalDirectory.Builder builder = LocalDirectory.builder();
        localDomains.forEach(builder::localDomain);
        domainAliases.forEach(alias -> builder.domainAlias(alias[0], alias[1]));
        aliases.forEach(alias -> builder.alias(alias[0], alias[1]));
        return builder.build();
    }

    /** A whole snapshot: policy, directory and the decider over both. */
    public RelayDecider buildDecider() {
        return new PolicyDecider(buildPolicy(), buildDirectory());
    }

    /** The same policy as a policy file (docs/configuration.md): one entry a line. */
    public String policyText() {
        StringBuilder text = new StringBuilder(16 * 1024 * 1024);
        text.append("# generated by org.jamesrelay.benchmarks.PolicyCorpus\n")
            .append("relay-mode policy\n")
            .append("authenticated-relay tls-only\n")
            .append("local-senders-require-login yes\n")
            .append("served-senders-only no\n\n# trusted networks\n");
        for (NetworkEntry network : networks) {
            text.append(network.text).append('\n');
        }
        text.append("\n# sender logins\n");
        for (LoginEntry login : senderLogins) {
            text.append("sender-login ").append(login.login);
            if (!login.owns.isEmpty()) {
                text.append(" owns=").append(login.owns.stream().map(AddressPattern::asString).collect(Collectors.joining(",")));
            }
            if (login.servedSendersOnly) {
                text.append(" served-senders-only");
            }
            text.append('\n');
        }
        text.append("\n# relay domains and their recipients\n");
        for (RelayDomainEntry domain : relayDomains) {
            text.append("relay-domain ").append(domain.name).append('\n');
            domain.recipients.ifPresent(recipients -> recipients.stream().sorted()
                .forEach(recipient -> text.append("relay-recipient ").append(recipient).append('\n')));
        }
        return text.toString();
    }

    public int networkCount() {
        return networks.size();
    }

    public int relayRecipientCount() {
        return relayDomains.stream().mapToInt(domain -> domain.recipients.map(Set::size).orElse(0)).sum();
    }
}
