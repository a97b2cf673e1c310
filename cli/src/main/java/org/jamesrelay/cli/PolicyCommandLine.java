package org.jamesrelay.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The command line of {@code james-relay policy}: global options anywhere, then {@code GROUP ACTION [ARGUMENTS]
 * [OPTIONS]}, read into the one WebAdmin request it stands for.
 */
final class PolicyCommandLine {
    private static final List<String> VALUE_OPTIONS = List.of("senders", "owns", "client", "helo", "login", "sender", "recipient", "limit",
        "after", "if-version", "credentials", "balance", "rule", "remove", "clamd", "timeout", "on-virus", "on-failure", "algorithm", "bits",
        "subdomains", "scope", "counts", "max");
    private static final List<String> FLAG_OPTIONS = List.of("served-senders-only", "wide", "auth-offered", "force", "active", "standby");
    /** {@code --tls} is a flag of explain, and takes the TLS policy of a route in these groups. */
    private static final Set<String> ROUTE_GROUPS = Set.of("routes", "sender-routes");

    private PolicyCommandLine() {
    }

    /**
     * @param environment for {@code JAMES_RELAY_WEBADMIN} and {@code JAMES_RELAY_WEBADMIN_TOKEN}
     * @param user the default actor
     */
    static WebAdminCommandLine<PolicyRequest> parse(List<String> args, Map<String, String> environment, String user) throws UsageException {
        return WebAdminCommandLine.read(ParsedArguments.parse(options(tlsOf(args)), args), environment, user, PolicyCommands::request);
    }

    /** How {@code --tls} is read: it depends on the group, the first word, which a first reading finds. */
    private static Option tlsOf(List<String> args) {
        Option either = Option.builder().longOpt("tls").hasArg().optionalArg(true).build();
        try {
            List<String> words = ParsedArguments.parse(options(either), args).words();
            if (!words.isEmpty() && ROUTE_GROUPS.contains(words.get(0))) {
                return Option.builder().longOpt("tls").hasArg().build();
            }
        } catch (UsageException e) {
            // the second reading reports it
        }
        return Option.builder().longOpt("tls").build();
    }

    private static Options options(Option tls) {
        Options options = WebAdminCommandLine.globalOptions().addOption(tls);
        VALUE_OPTIONS.forEach(name -> options.addOption(Option.builder().longOpt(name).hasArg().build()));
        FLAG_OPTIONS.forEach(name -> options.addOption(Option.builder().longOpt(name).build()));
        return options;
    }
}
