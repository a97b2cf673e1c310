package org.jamesrelay.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One {@code attachment-filter} entry: which attachments it matches (any of its conditions), and what to do with
 * the mail then. Names are case-insensitive globs ({@code *.exe}, {@code invoice?.js}) matched against the file
 * name of a MIME part and of every member of an archive or attached message; types are declared MIME types
 * ({@code application/x-msdownload}, {@code application/*}); sniffed kinds are what the bytes are, whatever their
 * name ({@code executable}, {@code script}, {@code archive}, ...).
 */
public final class AttachmentRule {
    /** What the front-end filter can tell from the first bytes of a part. */
    public static final Set<String> SNIFFED_KINDS = Set.of("executable", "script", "archive", "office-macro", "pdf");

    private final String scope;
    private final FilterAction action;
    private final List<String> names;
    private final List<Pattern> namePatterns;
    private final List<String> types;
    private final Set<String> sniffed;
    private final boolean encryptedArchives;
    private final OptionalLong largerThan;
    private final boolean unparseable;

    public AttachmentRule(String scope, FilterAction action, List<String> names, List<String> types, Set<String> sniffed,
                          boolean encryptedArchives, OptionalLong largerThan, boolean unparseable) {
        this.scope = Objects.requireNonNull(scope);
        this.action = Objects.requireNonNull(action);
        this.names = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().collect(Collectors.toUnmodifiableList());
        this.namePatterns = this.names.stream().map(AttachmentRule::glob).collect(Collectors.toUnmodifiableList());
        this.types = types.stream().map(type -> type.toLowerCase(Locale.ROOT)).distinct().collect(Collectors.toUnmodifiableList());
        this.sniffed = Set.copyOf(sniffed);
        this.encryptedArchives = encryptedArchives;
        this.largerThan = largerThan;
        this.unparseable = unparseable;
        for (String kind : this.sniffed) {
            if (!SNIFFED_KINDS.contains(kind)) {
                throw new IllegalArgumentException("sniffed=" + Printable.of(kind) + " is not one of "
                    + SNIFFED_KINDS.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        if (this.names.isEmpty() && this.types.isEmpty() && this.sniffed.isEmpty() && !encryptedArchives && largerThan.isEmpty() && !unparseable) {
            throw new IllegalArgumentException("matches nothing: give names=, types=, sniffed=, larger-than=, encrypted-archives or unparseable");
        }
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** {@code *} for every recipient without a scope of its own, or a recipient domain. */
    public String scope() {
        return scope;
    }

    public FilterAction action() {
        return action;
    }

    public List<String> names() {
        return names;
    }

    public List<String> types() {
        return types;
    }

    public Set<String> sniffed() {
        return sniffed;
    }

    public boolean encryptedArchives() {
        return encryptedArchives;
    }

    public OptionalLong largerThan() {
        return largerThan;
    }

    /** Whether this rule also applies to mail whose MIME structure cannot be read. */
    public boolean unparseable() {
        return unparseable;
    }

    public boolean matchesName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return namePatterns.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    /** {@code type/subtype} against the types of this rule, where {@code type/*} stands for every subtype. */
    public boolean matchesType(String declaredType) {
        String type = declaredType.toLowerCase(Locale.ROOT);
        return types.stream().anyMatch(pattern -> pattern.endsWith("/*")
            ? type.startsWith(pattern.substring(0, pattern.length() - 1))
            : type.equals(pattern));
    }

    public String ruleId() {
        return "attachment-filter:" + scope + ":" + action.keyword();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof AttachmentRule) {
            AttachmentRule that = (AttachmentRule) o;
            return scope.equals(that.scope)
                && action == that.action
                && names.equals(that.names)
                && types.equals(that.types)
                && sniffed.equals(that.sniffed)
                && encryptedArchives == that.encryptedArchives
                && largerThan.equals(that.largerThan)
                && unparseable == that.unparseable;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, action, names, types, sniffed, encryptedArchives, largerThan, unparseable);
    }
}
