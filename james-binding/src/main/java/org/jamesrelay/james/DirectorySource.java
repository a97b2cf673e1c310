package org.jamesrelay.james;

import org.jamesrelay.core.LocalDirectory;

/**
 * Where the mirror reads James's domains and aliases from. Reading may do I/O and fail.
 */
@FunctionalInterface
public interface DirectorySource {
    LocalDirectory read() throws Exception;
}
