package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.cli.PolicyRequest.Output;

/**
 * A kind of policy entry under {@code /relay/GROUP}, one entry a key ({@code networks}: a CIDR): its {@code list},
 * {@code show}, {@code add} and {@code remove} actions, made here once from what tells the kinds apart.
 */
final class Resource {
    /** The JSON body that saves an entry, from the options of the command; none for an entry that is only its key. */
    interface Body {
        Optional<Object> of(CommandArguments arguments) throws UsageException;
    }

    private final String group;
    private final String key;
    private final String what;
    private final List<Action> actions = new ArrayList<>();

    /**
     * @param key the key as usage errors name it: {@code CIDR}
     * @param what an entry as the answers name it: {@code trusted network}
     */
    private Resource(String group, String key, String what) {
        this.group = group;
        this.key = key;
        this.what = what;
    }

    static Resource at(String group, String key, String what) {
        return new Resource(group, key, what);
    }

    /** {@code GROUP list}: GET /relay/GROUP. */
    Resource listed(Output output) {
        actions.add(Action.of("list", group + " list", 2, arguments -> PolicyRequest.get(path(), output)));
        return this;
    }

    /** {@code GROUP show KEY}: GET /relay/GROUP/KEY. */
    Resource shown(Output output) {
        actions.add(Action.of("show", group + " show " + key, 3, arguments -> PolicyRequest.get(entryPath(arguments), output)));
        return this;
    }

    /**
     * {@code GROUP ACTION KEY ...}: PUT /relay/GROUP/KEY.
     *
     * @param usage what follows the key in the usage, e.g. {@code HOPS [--tls none|may|encrypt|verify]}
     * @param moreWords the words after the key
     */
    Resource saved(String action, String usage, int moreWords, Body body, String... options) {
        String fullUsage = group + " " + action + " " + key + (usage.isEmpty() ? "" : " " + usage);
        actions.add(Action.of(action, fullUsage, 3 + moreWords, arguments -> PolicyRequest.write("PUT", entryPath(arguments),
            body.of(arguments), what + " " + arguments.word(2) + " saved"), options));
        return this;
    }

    /** {@code GROUP remove KEY}: DELETE /relay/GROUP/KEY; the answer names the entry, then {@code detail}. */
    Resource removed(String detail) {
        actions.add(Action.of("remove", group + " remove " + key, 3, arguments -> PolicyRequest.write("DELETE", entryPath(arguments),
            Optional.empty(), what + " " + arguments.word(2) + " removed" + detail)));
        return this;
    }

    /** An action of this group only. */
    Resource with(Action action) {
        actions.add(action);
        return this;
    }

    CommandGroup group() {
        return CommandGroup.of(group, Optional.of("list"), actions);
    }

    private String path() {
        return "/relay/" + group;
    }

    /** /relay/GROUP/KEY, the key being the third word. */
    private String entryPath(CommandArguments arguments) {
        return path() + "/" + PathSegment.encode(arguments.word(2));
    }
}
