package org.jamesrelay.james;

import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;
import org.jamesrelay.core.LocalDirectory;

/**
 * Reads James's DomainList and RecipientRewriteTable into a {@link LocalDirectory}. This does I/O on the
 * James stores, so it runs on the mirror's own thread, never in an SMTP session.
 */
public class JamesDirectoryReader implements DirectorySource {
    private final DomainList domainList;
    private final RecipientRewriteTable recipientRewriteTable;

    @Inject
    public JamesDirectoryReader(DomainList domainList, RecipientRewriteTable recipientRewriteTable) {
        this.domainList = domainList;
        this.recipientRewriteTable = recipientRewriteTable;
    }

    @Override
    public LocalDirectory read() throws DomainListException, RecipientRewriteTableException {
        LocalDirectory.Builder directory = LocalDirectory.builder();
        for (Domain domain : domainList.getDomains()) {
            directory.localDomain(domain.asString());
        }
        for (Map.Entry<MappingSource, Mappings> entry : recipientRewriteTable.getAllMappings().entrySet()) {
            addMappings(directory, entry.getKey(), entry.getValue());
        }
        return directory.build();
    }

    /**
     * A login owns the addresses whose mail reaches it (address, alias, forward and group mappings), and its own
     * name under the alias domains of its domain.
     */
    private static void addMappings(LocalDirectory.Builder directory, MappingSource source, Mappings mappings) {
        for (Mapping mapping : mappings) {
            switch (mapping.getType()) {
                case Address:
                case Alias:
                case Forward:
                case Group:
                    source.asMailAddress().ifPresent(address -> mapping.asMailAddress()
                        .map(MailAddress::asString)
                        .ifPresent(login -> directory.alias(address.asString(), login)));
                    break;
                case DomainAlias:
                    source.asDomain().ifPresent(alias -> directory.domainAlias(alias.asString(), mapping.getMappingValue()));
                    break;
                default:
                    break;
            }
        }
    }
}
