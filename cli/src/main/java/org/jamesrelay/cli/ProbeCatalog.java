package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every relay-abuse form we know, as probes for one relay:
 * <ul>
 *   <li>relay: the 16 combinations of nmap's smtp-open-relay script (and Metasploit's smtp_relay), with the relay's
 *   own domain and address as the hop;</li>
 *   <li>syntax: address forms that slip past naive checks: letter case, trailing dot, domain literals, null domain,
 *   unqualified address, multi-hop source routes, missing brackets;</li>
 *   <li>spoofing: a local sender from an anonymous client; another address than its own, in MAIL FROM or in the
 *   From: header, from a logged-in client;</li>
 *   <li>smuggling: non-standard ends of data followed by a smuggled transaction;</li>
 *   <li>limits: a recipient flood, a directory harvest, and, when asked for, password guessing.</li>
 * </ul>
 */
final class ProbeCatalog {
    static final String OUTSIDE_DOMAIN = "relay-selftest.invalid";
    private static final String OUTSIDE = "relaytest@" + OUTSIDE_DOMAIN;
    private static final String SENDER = "<antispam@" + OUTSIDE_DOMAIN + ">";
    private static final List<String[]> END_OF_DATA_FORMS = List.of(
        new String[] {"\\n.\\n", "\n.\n"},
        new String[] {"\\n.\\r\\n", "\n.\r\n"},
        new String[] {"\\r\\n.\\n", "\r\n.\n"},
        new String[] {"\\r.\\r", "\r.\r"},
        new String[] {"\\r.\\r\\n", "\r.\r\n"},
        new String[] {"\\r\\n.\\r", "\r\n.\r"},
        new String[] {"\\r\\n\\0.\\r\\n", "\r\n\0.\r\n"});

    private final SelfTestOptions options;

    ProbeCatalog(SelfTestOptions options) {
        this.options = options;
    }

    List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        probes.addAll(nmapProbes());
        probes.addAll(syntaxProbes());
        probes.addAll(spoofingProbes());
        probes.addAll(smugglingProbes());
        probes.add(recipientFlood());
        probes.add(harvest());
        probes.add(bruteForce());
        return probes;
    }

    private String ip() {
        return "[" + options.hostAddress() + "]";
    }

    /** The hop the routing forms go through: the relay's own domain when known, else its address. */
    private String hop() {
        return options.localDomain().orElse(ip());
    }

    private List<Probe> nmapProbes() {
        String ipSender = sender("<antispam@" + ip() + ">");
        String target = OUTSIDE_DOMAIN;
        List<Probe> probes = new ArrayList<>();
        probes.add(relay(sender("<>"), "<" + OUTSIDE + ">"));
        probes.add(relay(sender("<antispam@" + target + ">"), "<" + OUTSIDE + ">"));
        probes.add(relay(sender("<antispam@" + hop() + ">"), "<" + OUTSIDE + ">"));
        probes.add(relay(ipSender, "<" + OUTSIDE + ">"));
        probes.add(relay(ipSender, "<relaytest%" + target + "@" + ip() + ">"));
        probes.add(relay(ipSender, "<relaytest%" + target + "@" + hop() + ">"));
        probes.add(relay(ipSender, "<\"" + OUTSIDE + "\">"));
        probes.add(relay(ipSender, "<\"relaytest%" + target + "\">"));
        probes.add(relay(ipSender, "<" + OUTSIDE + "@" + ip() + ">"));
        probes.add(relay(ipSender, "<\"" + OUTSIDE + "\"@" + ip() + ">"));
        probes.add(relay(ipSender, "<" + OUTSIDE + "@" + hop() + ">"));
        probes.add(relay(ipSender, "<@" + ip() + ":" + OUTSIDE + ">"));
        probes.add(relay(ipSender, "<@" + hop() + ":" + OUTSIDE + ">"));
        probes.add(relay(ipSender, "<" + target + "!relaytest>"));
        probes.add(relay(ipSender, "<" + target + "!relaytest@" + ip() + ">"));
        probes.add(relay(ipSender, "<" + target + "!relaytest@" + hop() + ">"));
        return probes;
    }

    private static Probe relay(String sender, String recipient) {
        return new EnvelopeProbe("relay", sender, recipient);
    }

    /** The probe's own sender, unless every probe must use one given sender (--sender, or --other-sender with --login). */
    private String sender(String probeSender) {
        return options.relayProbeSender().map(fixed -> "<" + fixed + ">").orElse(probeSender);
    }

    private List<Probe> syntaxProbes() {
        List<String> recipients = List.of(
            "<RelayTest@RELAY-SELFTEST.INVALID>",
            "<relaytest@relay-selftest.invalid.>",
            "<relaytest@[192.0.2.1]>",
            "<relaytest@[IPv6:2001:db8::1]>",
            "<relaytest@>",
            "<relaytest>",
            "relaytest@relay-selftest.invalid",
            "< relaytest@relay-selftest.invalid >",
            "<@" + hop() + ",@" + hop() + ":" + OUTSIDE + ">",
            "<\"relaytest!" + OUTSIDE_DOMAIN + "\"@" + hop() + ">",
            "<relaytest@relay-selftest.invalid%" + hop() + ">");
        List<Probe> probes = new ArrayList<>();
        for (String recipient : recipients) {
            probes.add(new EnvelopeProbe("syntax", sender(SENDER), recipient));
        }
        return probes;
    }

    private List<Probe> spoofingProbes() {
        List<Probe> probes = new ArrayList<>();
        if (options.credentials().isPresent()) {
            String login = options.credentials().get().login();
            probes.add(new SenderProbe("<" + options.otherSender() + ">"));
            probes.add(options.recipient()
                .<Probe>map(recipient -> new HeaderFromProbe(login, options.otherSender(), recipient))
                .orElseGet(() -> new SkippedProbe("spoofing", "From: <" + options.otherSender() + "> in the header", "--recipient")));
        } else if (options.localDomain().isPresent()) {
            String localSender = "<postmaster@" + options.localDomain().get() + ">";
            probes.add(new EnvelopeProbe("spoofing", localSender, "<" + options.recipient().orElse("postmaster@" + options.localDomain().get()) + ">"));
        } else {
            probes.add(new SkippedProbe("spoofing", "a local sender from an anonymous client", "--local-domain"));
        }
        return probes;
    }

    private List<Probe> smugglingProbes() {
        List<Probe> probes = new ArrayList<>();
        for (String[] form : END_OF_DATA_FORMS) {
            probes.add(options.recipient()
                .<Probe>map(recipient -> new SmugglingProbe(form[0], form[1], senderForAcceptedMail(), "<" + recipient + ">"))
                .orElseGet(() -> new SkippedProbe("smuggling", "end of data '" + form[0] + "'", "--recipient")));
        }
        return probes;
    }

    private Probe recipientFlood() {
        return options.recipient()
            .<Probe>map(recipient -> new RecipientLimitProbe(options.recipientFlood(), senderForAcceptedMail(), "<" + recipient + ">"))
            .orElseGet(() -> new SkippedProbe("limits", options.recipientFlood() + " recipients in one transaction", "--recipient"));
    }

    private Probe harvest() {
        if (options.harvest() == 0) {
            return new SkippedProbe("limits", "unknown recipients in one session (directory harvest)", "--harvest N above 0");
        }
        return options.recipient().flatMap(ProbeCatalog::domainOf).or(options::localDomain)
            .<Probe>map(domain -> new HarvestProbe(options.harvest(), senderForAcceptedMail(), domain))
            .orElseGet(() -> new SkippedProbe("limits", "unknown recipients in one session (directory harvest)", "--recipient or --local-domain"));
    }

    private Probe bruteForce() {
        if (options.bruteForce() == 0) {
            return new SkippedProbe("limits", "wrong passwords on one connection (password guessing)",
                "--brute-force N (it locks the source address out of AUTH for the relay's lockout time)");
        }
        String login = options.credentials().map(ProbeTarget.Credentials::login).orElse("selftest@" + OUTSIDE_DOMAIN);
        return new BruteForceProbe(options.bruteForce(), login);
    }

    /** Probes that need an accepted message use a sender the relay accepts from this client. */
    private String senderForAcceptedMail() {
        return options.credentials().map(credentials -> "<" + credentials.login() + ">").orElse(SENDER);
    }

    static Optional<String> domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1));
    }
}
