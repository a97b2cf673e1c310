package org.jamesrelay.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One {@code header-filter} entry: header fields removed before mail is passed on, by name ({@code Bcc}) or by
 * prefix ({@code X-Internal-*}), case-insensitive.
 */
public final class HeaderFilter {
    private final String scope;
    private final List<String> removed;

    public HeaderFilter(String scope, List<String> removed) {
        this.scope = Objects.requireNonNull(scope);
        this.removed = removed.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().collect(Collectors.toUnmodifiableList());
        for (String name : this.removed) {
            String bare = name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
            if (bare.isEmpty() || !bare.chars().allMatch(c -> c > 32 && c < 127 && c != ':' && c != '*')) {
                throw new IllegalArgumentException("'" + Printable.of(name) + "' is not a header name or NAME-PREFIX*");
            }
        }
        if (this.removed.isEmpty()) {
            throw new IllegalArgumentException("header-filter needs remove=NAME|PREFIX*,...");
        }
    }

    public String scope() {
        return scope;
    }

    /** In lower case, each once: names, and prefixes ending in {@code *}. */
    public List<String> removed() {
        return removed;
    }

    public boolean removes(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return removed.stream().anyMatch(pattern -> pattern.endsWith("*")
            ? name.startsWith(pattern.substring(0, pattern.length() - 1))
            : name.equals(pattern));
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof HeaderFilter) {
            HeaderFilter that = (HeaderFilter) o;
            return scope.equals(that.scope)
                && removed.equals(that.removed);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, removed);
    }
}
