package org.jamesrelay.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot of what the mail server itself knows: the domains it is the destination for, which logins receive
 * mail for which addresses (aliases), and which domains are aliases of others. In James these come from the
 * DomainList and the RecipientRewriteTable; the policy only reads this copy.
 */
public final class LocalDirectory {
    private static final LocalDirectory EMPTY = builder().build();

    private final Set<String> localDomains;
    private final Map<String, Set<String>> loginsByAddress;
    private final Map<String, Set<String>> targetsByAliasDomain;
    /** The same, found in an address's key without copying its domain out, as lists: no iterator per decision. */
    private final DomainTable<List<String>> aliasDomains;

    public static Builder builder() {
        return new Builder();
    }

    public static LocalDirectory empty() {
        return EMPTY;
    }

    public static final class Builder {
        private final Set<String> localDomains = new HashSet<>();
        private final Map<String, Set<String>> loginsByAddress = new HashMap<>();
        private final Map<String, Set<String>> targetsByAliasDomain = new HashMap<>();

        private Builder() {
        }

        public Builder localDomain(String domain) {
            localDomains.add(lower(domain));
            return this;
        }

        /** Mail to {@code address} reaches the mailbox of {@code login}, so that login may send as that address. */
        public Builder alias(String address, String login) {
            loginsByAddress.computeIfAbsent(lower(address), any -> new HashSet<>()).add(lower(login));
            return this;
        }

        /**
         * {@code aliasDomain} is another name of {@code targetDomain}: user@alias belongs to user@target, and mail
         * for the alias domain is for this server.
         */
        public Builder domainAlias(String aliasDomain, String targetDomain) {
            localDomains.add(lower(aliasDomain));
            targetsByAliasDomain.computeIfAbsent(lower(aliasDomain), any -> new HashSet<>()).add(lower(targetDomain));
            return this;
        }

        public LocalDirectory build() {
            return new LocalDirectory(this);
        }

        private static String lower(String value) {
            return value.toLowerCase(Locale.ROOT);
        }
    }

    private LocalDirectory(Builder builder) {
        this(Set.copyOf(builder.localDomains), copy(builder.loginsByAddress), copy(builder.targetsByAliasDomain));
    }

    private LocalDirectory(Set<String> localDomains, Map<String, Set<String>> loginsByAddress, Map<String, Set<String>> targetsByAliasDomain) {
        this(localDomains, loginsByAddress, targetsByAliasDomain, tableOf(targetsByAliasDomain));
    }

    private LocalDirectory(Set<String> localDomains, Map<String, Set<String>> loginsByAddress,
                           Map<String, Set<String>> targetsByAliasDomain, DomainTable<List<String>> aliasDomains) {
        this.localDomains = localDomains;
        this.loginsByAddress = loginsByAddress;
        this.targetsByAliasDomain = targetsByAliasDomain;
        this.aliasDomains = aliasDomains;
    }

    private static DomainTable<List<String>> tableOf(Map<String, Set<String>> targetsByAliasDomain) {
        Map<String, List<String>> targetLists = new HashMap<>();
        targetsByAliasDomain.forEach((aliasDomain, targets) -> targetLists.put(aliasDomain, List.copyOf(targets)));
        return DomainTable.of(targetLists);
    }

    /**
     * This directory with more aliases: the logins that receive the mail of each address (keys and logins in lower
     * case), as looked up for one decision. Domains are shared, not copied.
     */
    public LocalDirectory withAliases(Map<String, Set<String>> loginsByAddress) {
        if (loginsByAddress.isEmpty()) {
            return this;
        }
        Map<String, Set<String>> merged = new HashMap<>(this.loginsByAddress);
        loginsByAddress.forEach((address, logins) -> merged.merge(address, logins, LocalDirectory::union));
        return new LocalDirectory(localDomains, copy(merged), targetsByAliasDomain, aliasDomains);
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new HashSet<>(first);
        union.addAll(second);
        return union;
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> multimap) {
        Map<String, Set<String>> copy = new HashMap<>();
        multimap.forEach((key, values) -> copy.put(key, Set.copyOf(values)));
        return Map.copyOf(copy);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof LocalDirectory) {
            LocalDirectory that = (LocalDirectory) o;
            return localDomains.equals(that.localDomains)
                && loginsByAddress.equals(that.loginsByAddress)
                && targetsByAliasDomain.equals(that.targetsByAliasDomain);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(localDomains, loginsByAddress, targetsByAliasDomain);
    }

    public boolean isLocalDomain(String domain) {
        return localDomains.contains(domain);
    }

    public Set<String> localDomains() {
        return localDomains;
    }

    /**
     * Whether the login owns the address through the directory: the address is the login itself, the login under an
     * alias domain of its own domain, or an alias whose mail reaches the login.
     */
    public boolean owns(String login, EnvelopeAddress address) {
        return ownsKey(login, address.key());
    }

    /** {@link #owns} for the address of this lookup key ({@link EnvelopeAddress#key()}). */
    boolean ownsKey(String login, String key) {
        if (key.equals(login) || loginsByAddress.getOrDefault(key, Set.of()).contains(login)) {
            return true;
        }
        int at = login.lastIndexOf('@');
        return at > 0
            && at == AddressKeys.domainStart(key) - 1 && key.regionMatches(true, 0, login, 0, at)
            && isTargetOf(key, login, at + 1);
    }

    /** Whether the login's domain, from {@code loginDomainStart}, is a target of the alias domain of the key. */
    private boolean isTargetOf(String key, String login, int loginDomainStart) {
        List<String> targets = aliasDomains.get(key, AddressKeys.domainStart(key));
        if (targets == null) {
            return false;
        }
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            if (login.length() - loginDomainStart == target.length() && login.startsWith(target, loginDomainStart)) {
                return true;
            }
        }
        return false;
    }
}
