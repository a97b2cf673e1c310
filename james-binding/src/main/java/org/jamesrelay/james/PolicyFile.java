package org.jamesrelay.james;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.RelayPolicy;

/**
 * The policy file of a James server, {@code conf/relay-policy.conf}. A missing, unreadable or invalid file is a
 * startup error that names the file and, for an invalid entry, the line and what is wrong.
 */
public final class PolicyFile {
    public static final String LOCATION = "file://conf/relay-policy.conf";

    private final Path path;

    public PolicyFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public RelayPolicy load() {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidPolicyException("The relay policy file " + path + " does not exist; "
                + "James Relay needs it to decide who may relay (see docs/configuration.md)", e);
        } catch (IOException e) {
            throw new InvalidPolicyException("The relay policy file " + path + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return PolicyFileParser.parse(path.toString(), content);
        } catch (PolicyFileException e) {
            throw new InvalidPolicyException("Invalid relay policy: " + e.getMessage(), e);
        }
    }
}
