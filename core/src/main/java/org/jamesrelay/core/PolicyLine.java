package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One entry of the policy file split into words: {@code keyword value [second] [option ...]}, where an option is a flag
 * ({@code served-senders-only}) or {@code name=value[,value...]}. Reading an option consumes it, so that
 * {@link #noOptions()} can refuse the options no reader asked for. Problems are {@link IllegalArgumentException}s
 * whose message the parser reports with the line.
 */
final class PolicyLine {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Entries with a second value before their options: {@code route DESTINATION HOPS ...}. */
    private static final Set<String> TWO_VALUE_KEYWORDS = Set.of("route", "sender-route", "attachment-filter");

    private final String source;
    private final int number;
    private final String text;
    private final String keyword;
    private final Optional<String> value;
    private final Optional<String> second;
    private final Map<String, String> options = new LinkedHashMap<>();

    /**
     * @param text the entry, without comment and surrounding white space
     */
    PolicyLine(String source, int number, String text) throws PolicyFileException {
        this.source = source;
        this.number = number;
        this.text = text;
        String[] words = WHITESPACE.split(text);
        this.keyword = words[0].toLowerCase(Locale.ROOT);
        this.value = words.length > 1 ? Optional.of(words[1]) : Optional.empty();
        int firstOption = TWO_VALUE_KEYWORDS.contains(keyword) ? 3 : 2;
        this.second = firstOption == 3 && words.length > 2 ? Optional.of(words[2]) : Optional.empty();
        for (String word : Arrays.copyOfRange(words, Math.min(firstOption, words.length), words.length)) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                String name = word.substring(0, equals).toLowerCase(Locale.ROOT);
                if (options.put(name, word.substring(equals + 1)) != null) {
                    throw error("option " + name + " is given twice");
                }
            } else {
                options.put(word.toLowerCase(Locale.ROOT), "");
            }
        }
    }

    /** The keyword of an entry (without comment and surrounding white space), as a line reads it. */
    static String keywordOf(String entry) {
        return WHITESPACE.split(entry, 2)[0].toLowerCase(Locale.ROOT);
    }

    /** {@code line} without its comment: {@code #} at the start or after white space starts one. */
    static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    int number() {
        return number;
    }

    String keyword() {
        return keyword;
    }

    String value() {
        return value.orElseThrow(() -> new IllegalArgumentException(keyword + " needs a value"));
    }

    /** The value as one of {@code choices}, by keyword, in any case. */
    <E extends Enum<E>> E choice(E[] choices, Function<E, String> keywordOf) {
        String value = value().toLowerCase(Locale.ROOT);
        return Arrays.stream(choices)
            .filter(choice -> keywordOf.apply(choice).equals(value))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("'" + value() + "' is not one of "
                + Arrays.stream(choices).map(keywordOf).collect(Collectors.joining(", "))));
    }

    /** The second value of a two-value entry: a route's hops, an attachment filter's action. */
    Optional<String> second() {
        return second;
    }

    Optional<String> option(String name) {
        Optional<String> value = Optional.ofNullable(options.remove(name));
        if (value.isPresent() && value.get().isEmpty()) {
            throw new IllegalArgumentException(name + "= needs a value");
        }
        return value;
    }

    /** The comma-separated values of an option, as written; empty when the option is absent. */
    List<String> list(String name) {
        return option(name)
            .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).collect(Collectors.toList()))
            .orElse(List.of());
    }

    boolean yesNo() {
        switch (value().toLowerCase(Locale.ROOT)) {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                throw new IllegalArgumentException("'" + value() + "' is not one of yes, no");
        }
    }

    boolean flag(String name) {
        String value = options.remove(name);
        if (value != null && !value.isEmpty()) {
            throw new IllegalArgumentException(name + " takes no value");
        }
        return value != null;
    }

    List<AddressPattern> patterns(String name) {
        String value = options.remove(name);
        if (value == null) {
            return List.of();
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + "= needs at least one ADDRESS or @DOMAIN");
        }
        List<AddressPattern> patterns = new ArrayList<>();
        for (String item : value.split(",")) {
            patterns.add(AddressPattern.parse(item.trim()));
        }
        return patterns;
    }

    /** Refuses the options that no reader asked for. */
    void noOptions() {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown option" + (options.size() > 1 ? "s " : " ")
                + String.join(", ", options.keySet()) + " for " + keyword);
        }
    }

    PolicyFileException error(String problem) {
        return new PolicyFileException(source, number, text, problem);
    }
}
