package org.jamesrelay.cli;

import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jamesrelay.cli.PolicyCommandLine.Output;
import org.jamesrelay.cli.PolicyCommandLine.Request;
import org.jamesrelay.cli.PolicyCommandLine.UsageException;

/** {@code james-relay policy dkim ...}: the DKIM keys, under {@code /relay/dkim}. */
final class DkimCommand {
    private static final String PATH = "/relay/dkim";
    private static final String ACTIONS = "list, show, add, import, activate, retire, set";

    private final List<String> words;
    private final Map<String, List<String>> options;

    private DkimCommand(List<String> words, Map<String, List<String>> options) {
        this.words = words;
        this.options = options;
    }

    static Request request(List<String> words, Map<String, List<String>> options) throws UsageException {
        return new DkimCommand(words, options).request();
    }

    private Request request() throws UsageException {
        String action = words.size() > 1 ? words.get(1) : "";
        switch (action) {
            case "list":
                arguments(2, "dkim list");
                return Request.get(PATH, Output.DKIM_DOMAINS);
            case "show":
                arguments(3, "dkim show DOMAIN");
                return Request.get(domainPath(), Output.DKIM_DOMAIN);
            case "add": {
                arguments(4, "dkim add DOMAIN SELECTOR [--algorithm rsa-sha256|ed25519-sha256] [--bits N] [--active|--standby]",
                    "--algorithm", "--bits", "--active", "--standby");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("selector", words.get(3));
                single("--algorithm").ifPresent(algorithm -> body.put("algorithm", algorithm));
                single("--bits").ifPresent(bits -> body.put("bits", bits));
                active().ifPresent(active -> body.put("active", active));
                return json("PUT", domainPath(), body, Output.DKIM_KEY, "");
            }
            case "import": {
                arguments(5, "dkim import DOMAIN SELECTOR PEMFILE [--active|--standby]", "--active", "--standby");
                String query = active().map(active -> "?active=" + active).orElse("");
                return new Request("PUT", selectorPath() + query, Optional.empty(), Optional.of(Paths.get(words.get(4))), Optional.empty(),
                    Map.of(), Output.DKIM_KEY, "");
            }
            case "activate": {
                arguments(4, "dkim activate DOMAIN SELECTOR");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("selector", words.get(3));
                body.put("active", true);
                return json("PUT", domainPath(), body, Output.DKIM_KEY, "");
            }
            case "retire":
                arguments(4, "dkim retire DOMAIN SELECTOR");
                return new Request("DELETE", selectorPath(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Output.DKIM_WRITE,
                    "DKIM key " + words.get(3) + " of " + words.get(2) + " retired (its DNS record may go once mail signed with it was read)");
            case "set": {
                arguments(3, "dkim set DOMAIN [--subdomains yes|no] [--on-failure hold|send-unsigned]", "--subdomains", "--on-failure");
                Map<String, Object> body = new LinkedHashMap<>();
                Optional<String> subdomains = single("--subdomains");
                if (subdomains.isPresent()) {
                    if (!subdomains.get().equals("yes") && !subdomains.get().equals("no")) {
                        throw new UsageException("--subdomains: expected yes or no, got '" + subdomains.get() + "'");
                    }
                    body.put("subdomains", subdomains.get().equals("yes"));
                }
                single("--on-failure").ifPresent(onFailure -> body.put("onFailure", onFailure));
                if (body.isEmpty()) {
                    throw new UsageException("dkim set: give --subdomains yes|no or --on-failure hold|send-unsigned");
                }
                return json("PUT", domainPath(), body, Output.DKIM_DOMAIN, "");
            }
            default:
                throw new UsageException(action.isEmpty() ? "dkim: an action is needed: " + ACTIONS
                    : "dkim: unknown action '" + action + "'; the actions are " + ACTIONS);
        }
    }

    private static Request json(String method, String path, Map<String, Object> body, Output output, String done) {
        return new Request(method, path, Optional.of(Json.write(body)), Optional.empty(), Optional.empty(), Map.of(), output, done);
    }

    private String domainPath() {
        return PATH + "/" + PolicyCommandLine.segment(words.get(2));
    }

    private String selectorPath() {
        return domainPath() + "/" + PolicyCommandLine.segment(words.get(3));
    }

    private Optional<Boolean> active() throws UsageException {
        if (options.containsKey("--active") && options.containsKey("--standby")) {
            throw new UsageException("--active and --standby exclude each other");
        }
        return options.containsKey("--active") ? Optional.of(true) : options.containsKey("--standby") ? Optional.of(false) : Optional.empty();
    }

    private Optional<String> single(String option) {
        return Optional.ofNullable(options.get(option)).map(values -> values.get(0));
    }

    private void arguments(int count, String usage, String... allowed) throws UsageException {
        if (words.size() != count) {
            throw new UsageException("usage: " + usage);
        }
        Set<String> permitted = Set.of(allowed);
        for (Map.Entry<String, List<String>> option : options.entrySet()) {
            if (!permitted.contains(option.getKey())) {
                throw new UsageException("dkim " + words.get(1) + ": unknown option " + option.getKey() + " (usage: " + usage + ")");
            }
            if (option.getValue().size() > 1) {
                throw new UsageException(option.getKey() + " is given twice");
            }
        }
    }
}
