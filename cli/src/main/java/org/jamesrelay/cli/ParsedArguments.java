package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The one option parser of every command ({@code policy}, {@code queue}, {@code selftest}): commons-cli's, read
 * into words (in their order) and options (by long name, every value given), with the messages our commands print.
 * Options may come anywhere between the words, as {@code --name value} or {@code --name=value}; after {@code --} all
 * is words. Options are matched by their whole name only, and a single dash is for {@code -h} alone.
 */
final class ParsedArguments {
    private final List<String> words;
    private final List<Option> given;

    private ParsedArguments(List<String> words, List<Option> given) {
        this.words = List.copyOf(words);
        this.given = List.copyOf(given);
    }

    static ParsedArguments parse(Options options, List<String> args) throws UsageException {
        CommandLine commandLine;
        try {
            commandLine = DefaultParser.builder()
                .setAllowPartialMatching(false)
                .setStripLeadingAndTrailingQuotes(false)
                .build()
                .parse(options, args.toArray(String[]::new));
        } catch (MissingArgumentException e) {
            throw new UsageException(name(e.getOption()) + " needs a value");
        } catch (UnrecognizedOptionException e) {
            throw unknown(options, e.getOption());
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        ParsedArguments parsed = new ParsedArguments(commandLine.getArgList(), Arrays.asList(commandLine.getOptions()));
        parsed.refuseSingleDashLongNames(options, args);
        return parsed;
    }

    /** {@code --json=yes} takes no value; anything else unknown is named without its value. */
    private static UsageException unknown(Options options, String token) {
        int equals = token.indexOf('=');
        String name = token.startsWith("--") && equals > 0 ? token.substring(0, equals) : token;
        if (!name.equals(token) && options.hasLongOption(name)) {
            return new UsageException(name + " takes no value");
        }
        return new UsageException("unknown option " + name);
    }

    /** commons-cli also takes {@code -json} for {@code --json}; our commands never did. */
    private void refuseSingleDashLongNames(Options options, List<String> args) throws UsageException {
        List<String> values = new ArrayList<>();
        given.forEach(option -> values.addAll(option.getValuesList()));
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean singleDashLongName = arg.startsWith("-") && !arg.startsWith("--") && name.length() > 2 && options.hasLongOption(name);
            if (singleDashLongName && !values.remove(arg)) {
                throw new UsageException("unknown option " + name);
            }
        }
    }

    private static String name(Option option) {
        return option.getLongOpt() == null ? "-" + option.getOpt() : "--" + option.getLongOpt();
    }

    /** The arguments that are no option, in their order. */
    List<String> words() {
        return words;
    }

    /** The options given, each once, in the order of their first use: {@code --json}. */
    Set<String> given() {
        Set<String> names = new LinkedHashSet<>();
        given.forEach(option -> names.add(name(option)));
        return names;
    }

    boolean has(String name) {
        return count(name) > 0;
    }

    int count(String name) {
        return (int) given.stream().filter(option -> name(option).equals(name)).count();
    }

    /** Every value of {@code name}, in the order given. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>();
        given.stream().filter(option -> name(option).equals(name)).forEach(option -> values.addAll(option.getValuesList()));
        return values;
    }

    /** The value given last: the one that counts for an option given twice, as in most command lines. */
    Optional<String> last(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** The value given first. */
    Optional<String> first(String name) {
        return values(name).stream().findFirst();
    }
}
