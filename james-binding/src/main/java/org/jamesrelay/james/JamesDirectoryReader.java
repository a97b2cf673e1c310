package org.jamesrelay.james;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.LocalDirectory;

/**
 * Reads James's DomainList and RecipientRewriteTable. The mirror reads the domains and their domain aliases (a few
 * keyed reads per domain, whatever the number of aliases); the aliases of an address are looked up by its key when a
 * logged-in client uses it, as James's own sender checks do, never by reading the whole table. This does I/O on the
 * James stores: the domains are read on the mirror's thread, an address's aliases on the deciding thread.
 */
public class JamesDirectoryReader implements DirectorySource, AliasSource {
    /** The mappings by which mail of an address reaches a login's mailbox. */
    private static final Set<Mapping.Type> ALIAS_TYPES = Set.of(Mapping.Type.Address, Mapping.Type.Alias, Mapping.Type.Forward, Mapping.Type.Group);

    private final DomainList domainList;
    private final RecipientRewriteTable recipientRewriteTable;

    @Inject
    public JamesDirectoryReader(DomainList domainList, RecipientRewriteTable recipientRewriteTable) {
        this.domainList = domainList;
        this.recipientRewriteTable = recipientRewriteTable;
    }

    /**
     * The domains of the DomainList, and which of them are aliases of which: James accepts a domain alias only for a
     * domain of its DomainList, so its own mappings say it.
     */
    @Override
    public LocalDirectory read() throws DomainListException, RecipientRewriteTableException {
        LocalDirectory.Builder directory = LocalDirectory.builder();
        for (Domain domain : domainList.getDomains()) {
            directory.localDomain(domain.asString());
            for (Mapping mapping : recipientRewriteTable.getStoredMappings(MappingSource.fromDomain(domain))) {
                if (mapping.getType() == Mapping.Type.DomainAlias) {
                    directory.domainAlias(domain.asString(), mapping.getMappingValue());
                }
            }
        }
        return directory.build();
    }

    /** A login owns the addresses whose mail reaches it: address, alias, forward and group mappings. */
    @Override
    public Set<String> loginsReceiving(EnvelopeAddress address) throws RecipientRewriteTableException {
        Optional<MappingSource> source = mappingSource(address);
        if (source.isEmpty()) {
            return Set.of();
        }
        return recipientRewriteTable.getStoredMappings(source.get()).asStream()
            .filter(mapping -> ALIAS_TYPES.contains(mapping.getType()))
            .flatMap(mapping -> mapping.asMailAddress().stream())
            .map(login -> login.asString().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    }

    /** Empty for an address James cannot hold as a mapping source (a domain literal, say): it has no alias. */
    private static Optional<MappingSource> mappingSource(EnvelopeAddress address) {
        if (address.isDomainLiteral()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MappingSource.fromUser(address.localPart(), address.domain()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
