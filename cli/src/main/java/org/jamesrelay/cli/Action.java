package org.jamesrelay.cli;

import java.util.Set;

/** One action of a {@code james-relay policy} command: the words it takes, the options it allows, and the request it makes. */
final class Action {
    /** The request of an action, once its words and options are checked. */
    interface RequestMaker {
        PolicyRequest request(CommandArguments arguments) throws UsageException;
    }

    final String name;
    private final String usage;
    private final int minWords;
    private final int maxWords;
    private final Set<String> options;
    private final RequestMaker maker;

    private Action(String name, String usage, int minWords, int maxWords, Set<String> options, RequestMaker maker) {
        this.name = name;
        this.usage = usage;
        this.minWords = minWords;
        this.maxWords = maxWords;
        this.options = Set.copyOf(options);
        this.maker = maker;
    }

    /**
     * @param usage the command as its usage error shows it, e.g. {@code networks add CIDR [--wide]}
     * @param words how many words the command has, the group and the action included
     */
    static Action of(String name, String usage, int words, RequestMaker maker, String... options) {
        return new Action(name, usage, words, words, Set.of(options), maker);
    }

    /** An action whose last words are optional. */
    static Action of(String name, String usage, int minWords, int maxWords, RequestMaker maker, String... options) {
        return new Action(name, usage, minWords, maxWords, Set.of(options), maker);
    }

    PolicyRequest request(CommandArguments arguments) throws UsageException {
        arguments.expect(minWords, maxWords, usage, options);
        return maker.request(arguments);
    }
}
