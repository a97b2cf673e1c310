package org.jamesrelay.dkim;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every signing domain with its keys: an immutable snapshot, looked up for each mail without I/O or locks.
 */
public final class DkimKeyring {
    private static final DkimKeyring EMPTY = new DkimKeyring(Map.of());

    private final Map<String, DkimDomain> domains;

    private DkimKeyring(Map<String, DkimDomain> domains) {
        this.domains = domains;
    }

    public static DkimKeyring empty() {
        return EMPTY;
    }

    public static DkimKeyring of(Collection<DkimDomain> domains) {
        Map<String, DkimDomain> byName = new TreeMap<>();
        domains.forEach(domain -> {
            if (byName.put(domain.name(), domain) != null) {
                throw new IllegalArgumentException("domain " + domain.name() + " is listed twice");
            }
        });
        return new DkimKeyring(Map.copyOf(byName));
    }

    /** In the order of their names. */
    public Collection<DkimDomain> domains() {
        return new TreeMap<>(domains).values();
    }

    public Optional<DkimDomain> domain(String name) {
        return Optional.ofNullable(domains.get(DkimDomain.domainName(name)));
    }

    /**
     * The domain that signs mail whose From: address is of {@code fromDomain}, with at least one active key: the
     * domain itself, else the nearest parent domain that signs its subdomains. A domain listed without an active key
     * signs nothing and stops the search (it was listed to stop a parent from signing for it).
     */
    public Optional<DkimDomain> signerFor(String fromDomain) {
        String name;
        try {
            name = DkimDomain.domainName(fromDomain);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        DkimDomain exact = domains.get(name);
        if (exact != null) {
            return exact.activeKeys().isEmpty() ? Optional.empty() : Optional.of(exact);
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            DkimDomain parent = domains.get(name.substring(dot + 1));
            if (parent != null) {
                return parent.subdomains() && !parent.activeKeys().isEmpty() ? Optional.of(parent) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public DkimKeyring with(DkimDomain domain) {
        Map<String, DkimDomain> updated = new TreeMap<>(domains);
        updated.put(domain.name(), domain);
        return new DkimKeyring(Map.copyOf(updated));
    }

    public DkimKeyring without(String name) {
        Map<String, DkimDomain> updated = new TreeMap<>(domains);
        updated.remove(DkimDomain.domainName(name));
        return new DkimKeyring(Map.copyOf(updated));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DkimKeyring && domains.equals(((DkimKeyring) o).domains);
    }

    @Override
    public int hashCode() {
        return domains.hashCode();
    }

    @Override
    public String toString() {
        return "DkimKeyring" + domains.values();
    }
}
