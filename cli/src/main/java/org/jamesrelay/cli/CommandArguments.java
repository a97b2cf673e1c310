package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The words and options of one {@code james-relay policy} command ({@code networks add 192.0.2.0/24 --wide}), and
 * the checks every action makes of them.
 */
final class CommandArguments {
    /** The options that may be given more than once, their values adding up. */
    private static final Set<String> REPEATABLE_OPTIONS = Set.of("--senders", "--owns", "--rule", "--remove");

    private final String name;
    private final List<String> words;
    private final ParsedArguments options;

    /**
     * @param name the command as errors name it: {@code networks add}, {@code explain}
     * @param words the group, the action and its arguments
     */
    CommandArguments(String name, List<String> words, ParsedArguments options) {
        this.name = name;
        this.words = List.copyOf(words);
        this.options = options;
    }

    String name() {
        return name;
    }

    /** The word at {@code index}: 0 is the group. */
    String word(int index) {
        return words.get(index);
    }

    int wordCount() {
        return words.size();
    }

    /** From {@code minWords} to {@code maxWords} words, no option but the global ones and {@code allowed}, each once unless repeatable. */
    void expect(int minWords, int maxWords, String usage, Set<String> allowed) throws UsageException {
        if (words.size() < minWords || words.size() > maxWords) {
            throw new UsageException("usage: " + usage);
        }
        for (String option : commandOptions()) {
            if (!allowed.contains(option)) {
                throw new UsageException(name + ": unknown option " + option + " (usage: " + usage + ")");
            }
        }
        for (String option : commandOptions()) {
            if (options.count(option) > 1 && !REPEATABLE_OPTIONS.contains(option)) {
                throw new UsageException(option + " is given twice");
            }
        }
    }

    private List<String> commandOptions() {
        List<String> given = new ArrayList<>(options.given());
        given.removeAll(WebAdminCommandLine.GLOBAL_OPTIONS);
        return given;
    }

    boolean flag(String option) {
        return options.has(option);
    }

    Optional<String> single(String option) {
        return options.first(option);
    }

    String required(String option) throws UsageException {
        return single(option).orElseThrow(() -> new UsageException(name + ": " + option + " is required"));
    }

    List<String> values(String option) {
        return options.values(option);
    }

    /** A comma-separated option, which may also be repeated; {@code what} names one item. */
    List<String> list(String option, String what) throws UsageException {
        List<String> items = new ArrayList<>();
        for (String value : options.values(option)) {
            items.addAll(items(value));
        }
        if (options.has(option) && items.isEmpty()) {
            throw new UsageException(option + " needs at least one " + what);
        }
        return items;
    }

    /** The items of a comma-separated value, trimmed, without empty ones. */
    static List<String> items(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }
}
