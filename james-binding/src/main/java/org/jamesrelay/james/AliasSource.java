package org.jamesrelay.james;

import java.util.Set;

import org.jamesrelay.core.EnvelopeAddress;

/**
 * Which logins receive the mail of one address through James's aliases: those logins own the address as a sender.
 * Looking up may do I/O and fail.
 */
@FunctionalInterface
public interface AliasSource {
    /** A source that knows no alias. */
    AliasSource NONE = address -> Set.of();

    /** The logins, in lower case, that the address's own mappings deliver to; empty when it has none. */
    Set<String> loginsReceiving(EnvelopeAddress address) throws Exception;
}
