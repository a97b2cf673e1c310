package org.jamesrelay.cli;

import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jamesrelay.cli.PolicyRequest.Output;

/** {@code james-relay policy dkim ...}: the DKIM keys, under {@code /relay/dkim}. */
final class DkimCommands {
    private static final String PATH = "/relay/dkim";

    private DkimCommands() {
    }

    static CommandGroup group() {
        return CommandGroup.of("dkim", Optional.of("list"), List.of(
            Action.of("list", "dkim list", 2, arguments -> PolicyRequest.get(PATH, Output.DKIM_DOMAINS)),
            Action.of("show", "dkim show DOMAIN", 3, arguments -> PolicyRequest.get(domainPath(arguments), Output.DKIM_DOMAIN)),
            Action.of("add", "dkim add DOMAIN SELECTOR [--algorithm rsa-sha256|ed25519-sha256] [--bits N] [--active|--standby]", 4,
                DkimCommands::add, "--algorithm", "--bits", "--active", "--standby"),
            Action.of("import", "dkim import DOMAIN SELECTOR PEMFILE [--active|--standby]", 5, DkimCommands::importKey,
                "--active", "--standby"),
            Action.of("activate", "dkim activate DOMAIN SELECTOR", 4, DkimCommands::activate),
            Action.of("retire", "dkim retire DOMAIN SELECTOR", 4, arguments -> PolicyRequest.send("DELETE", selectorPath(arguments),
                Optional.empty(), Output.DKIM_WRITE, "DKIM key " + arguments.word(3) + " of " + arguments.word(2)
                    + " retired (its DNS record may go once mail signed with it was read)")),
            Action.of("set", "dkim set DOMAIN [--subdomains yes|no] [--on-failure hold|send-unsigned]", 3, DkimCommands::set,
                "--subdomains", "--on-failure")));
    }

    /** Generates a key pair; the answer holds the DNS record to publish. */
    private static PolicyRequest add(CommandArguments arguments) throws UsageException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("selector", arguments.word(3));
        arguments.single("--algorithm").ifPresent(algorithm -> body.put("algorithm", algorithm));
        arguments.single("--bits").ifPresent(bits -> body.put("bits", bits));
        active(arguments).ifPresent(active -> body.put("active", active));
        return PolicyRequest.send("PUT", domainPath(arguments), Optional.of(body), Output.DKIM_KEY, "");
    }

    /** An existing private key, sent as the PEM file is. */
    private static PolicyRequest importKey(CommandArguments arguments) throws UsageException {
        String query = active(arguments).map(active -> "?active=" + active).orElse("");
        return new PolicyRequest("PUT", selectorPath(arguments) + query, Optional.empty(), Optional.of(Paths.get(arguments.word(4))),
            Optional.empty(), Map.of(), Output.DKIM_KEY, "");
    }

    private static PolicyRequest activate(CommandArguments arguments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("selector", arguments.word(3));
        body.put("active", true);
        return PolicyRequest.send("PUT", domainPath(arguments), Optional.of(body), Output.DKIM_KEY, "");
    }

    private static PolicyRequest set(CommandArguments arguments) throws UsageException {
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<String> subdomains = arguments.single("--subdomains");
        if (subdomains.isPresent()) {
            if (!subdomains.get().equals("yes") && !subdomains.get().equals("no")) {
                throw new UsageException("--subdomains: expected yes or no, got '" + subdomains.get() + "'");
            }
            body.put("subdomains", subdomains.get().equals("yes"));
        }
        arguments.single("--on-failure").ifPresent(onFailure -> body.put("onFailure", onFailure));
        if (body.isEmpty()) {
            throw new UsageException("dkim set: give --subdomains yes|no or --on-failure hold|send-unsigned");
        }
        return PolicyRequest.send("PUT", domainPath(arguments), Optional.of(body), Output.DKIM_DOMAIN, "");
    }

    private static String domainPath(CommandArguments arguments) {
        return PATH + "/" + PathSegment.encode(arguments.word(2));
    }

    private static String selectorPath(CommandArguments arguments) {
        return domainPath(arguments) + "/" + PathSegment.encode(arguments.word(3));
    }

    private static Optional<Boolean> active(CommandArguments arguments) throws UsageException {
        if (arguments.flag("--active") && arguments.flag("--standby")) {
            throw new UsageException("--active and --standby exclude each other");
        }
        return arguments.flag("--active") ? Optional.of(true) : arguments.flag("--standby") ? Optional.of(false) : Optional.empty();
    }
}
