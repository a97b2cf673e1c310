package org.jamesrelay.filter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every name one attachment is given: the names tools save it under (a MIME part's file name; a zip member's
 * central directory, local header and Unicode path names; a tar member's header and long names), which should agree,
 * and the texts tools may show beside it (zip comments), checked against the rules all the same.
 */
final class Names {
    private static final Names NONE = new Names(List.of(), List.of());

    private final List<String> saved;
    private final List<String> shown;

    private Names(List<String> saved, List<String> shown) {
        this.saved = List.copyOf(saved);
        this.shown = List.copyOf(shown);
    }

    static Names none() {
        return NONE;
    }

    static Names of(Optional<String> name) {
        return name.map(Names::of).orElse(NONE);
    }

    static Names of(String name) {
        return name.isEmpty() ? NONE : new Names(List.of(name), List.of());
    }

    /** These names and {@code name}, another name the attachment is saved under, when it is present and new. */
    Names saved(Optional<String> name) {
        return name.filter(given -> !given.isEmpty() && !saved.contains(given))
            .map(given -> new Names(Lists.with(saved, given), shown))
            .orElse(this);
    }

    /** These names and {@code text}, shown beside the attachment, when it is present and new. */
    Names shown(Optional<String> text) {
        return text.filter(given -> !given.isBlank() && !shown.contains(given))
            .map(given -> new Names(saved, Lists.with(shown, given)))
            .orElse(this);
    }

    /** The first name given, as the attachment is described. */
    Optional<String> primary() {
        return saved.stream().findFirst();
    }

    /** Every name given, as given. */
    List<String> all() {
        return Stream.concat(saved.stream(), shown.stream()).collect(Collectors.toUnmodifiableList());
    }

    /** Every name the rules are matched against: each name given, and each name Windows would save it under. */
    Set<String> candidates() {
        Set<String> candidates = new LinkedHashSet<>();
        for (String name : all()) {
            candidates.add(name);
            candidates.addAll(WindowsName.savedAs(name));
        }
        return candidates;
    }

    /**
     * Why tools may save this attachment under another kind of name than the one a reader is shown: its names end in
     * different extensions, or one is a device name, which extraction renames. ASCII.
     */
    Optional<String> disguise() {
        Set<String> extensions = saved.stream().map(WindowsName::extension).collect(Collectors.toCollection(LinkedHashSet::new));
        if (extensions.size() > 1) {
            return Optional.of("names disagree: " + saved.stream().map(SafeText::ascii).collect(Collectors.joining(" / ")));
        }
        return saved.stream().filter(WindowsName::isDevice).findFirst().map(name -> "device name " + SafeText.ascii(name));
    }
}
