package org.jamesrelay.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A signing domain ({@code d=}): its keys, in the order they were added, at most one of them active per algorithm
 * (two active keys, one RSA and one Ed25519, sign every mail twice); whether mail of its subdomains is signed with
 * them too; and what happens when signing fails.
 */
public final class DkimDomain {
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final String name;
    private final boolean subdomains;
    private final FailureMode onFailure;
    private final List<DkimKey> keys;

    public DkimDomain(String name, boolean subdomains, FailureMode onFailure, List<DkimKey> keys) {
        this.name = domainName(name);
        this.subdomains = subdomains;
        this.onFailure = Objects.requireNonNull(onFailure);
        this.keys = List.copyOf(keys);
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            if (this.keys.stream().filter(key -> key.active() && key.algorithm() == algorithm).count() > 1) {
                throw new IllegalArgumentException(name + " has more than one active " + algorithm.tag() + " key");
            }
        }
        if (this.keys.stream().map(DkimKey::selector).distinct().count() != this.keys.size()) {
            throw new IllegalArgumentException(name + " has the same selector twice");
        }
        if (this.keys.stream().anyMatch(key -> !key.domain().equals(this.name))) {
            throw new IllegalArgumentException("a key of " + name + " is of another domain");
        }
    }

    public static DkimDomain empty(String name) {
        return new DkimDomain(name, false, FailureMode.DEFAULT, List.of());
    }

    /** A domain name in lower case, without a trailing dot. */
    public static String domainName(String value) {
        String domain = value.trim().toLowerCase(Locale.ROOT);
        domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("invalid domain '" + value + "'");
        }
        return domain;
    }

    public String name() {
        return name;
    }

    public boolean subdomains() {
        return subdomains;
    }

    public FailureMode onFailure() {
        return onFailure;
    }

    public List<DkimKey> keys() {
        return keys;
    }

    /** The keys every mail of this domain is signed with, RSA first. */
    public List<DkimKey> activeKeys() {
        return keys.stream().filter(DkimKey::active)
            .sorted((a, b) -> a.algorithm().compareTo(b.algorithm()))
            .collect(Collectors.toList());
    }

    public Optional<DkimKey> key(String selector) {
        String wanted = DkimKey.selector(selector);
        return keys.stream().filter(key -> key.selector().equals(wanted)).findFirst();
    }

    public DkimDomain withSettings(boolean subdomains, FailureMode onFailure) {
        return new DkimDomain(name, subdomains, onFailure, keys);
    }

    /** With a new key; an active one replaces the active key of its algorithm, which stays as a standby key. */
    public DkimDomain withKey(DkimKey key) {
        if (key(key.selector()).isPresent()) {
            throw new IllegalArgumentException("selector " + key.selector() + " of " + name + " already exists");
        }
        List<DkimKey> updated = new ArrayList<>(key.active() ? standbyOf(key.algorithm()) : keys);
        updated.add(key);
        return new DkimDomain(name, subdomains, onFailure, updated);
    }

    /** The key of this selector becomes the one its algorithm signs with: the rotation switch. */
    public DkimDomain activate(String selector) {
        DkimKey chosen = key(selector).orElseThrow(() -> new IllegalArgumentException("no selector " + selector + " for " + name));
        return new DkimDomain(name, subdomains, onFailure, standbyOf(chosen.algorithm()).stream()
            .map(key -> key.selector().equals(chosen.selector()) ? key.withActive(true) : key)
            .collect(Collectors.toList()));
    }

    public DkimDomain without(String selector) {
        String retired = DkimKey.selector(selector);
        return new DkimDomain(name, subdomains, onFailure, keys.stream()
            .filter(key -> !key.selector().equals(retired))
            .collect(Collectors.toList()));
    }

    private List<DkimKey> standbyOf(DkimAlgorithm algorithm) {
        return keys.stream()
            .map(key -> key.algorithm() == algorithm ? key.withActive(false) : key)
            .collect(Collectors.toList());
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof DkimDomain) {
            DkimDomain that = (DkimDomain) o;
            return name.equals(that.name) && subdomains == that.subdomains && onFailure == that.onFailure && keys.equals(that.keys);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, subdomains, onFailure, keys);
    }

    @Override
    public String toString() {
        return "DkimDomain{" + name + ", subdomains=" + subdomains + ", on-failure=" + onFailure.keyword() + ", " + keys + "}";
    }
}
