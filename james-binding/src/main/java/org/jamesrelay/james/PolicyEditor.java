package org.jamesrelay.james;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import javax.inject.Inject;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.StreamedDiff;
import org.jamesrelay.core.TextDiff;
import org.jamesrelay.core.TextLines;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;
import org.jamesrelay.store.Versioned;

/**
 * Changes the stored policy, for WebAdmin and the command line: each change is made on a {@link PolicyDocument} that reads
 * the stored text at each pass and holds only its edits, validated before it is written (by applying its diff to the
 * snapshot in force, which parses only the entries other than relay recipients, or by parsing the whole edited policy
 * when that cannot tell), written as a diff ({@link PolicyStore#writeChange}), written only if nobody changed the policy
 * meanwhile (else redone on the fresh policy), recorded in the audit trail, and applied on this node at once (other
 * nodes apply it at their next refresh).
 */
public class PolicyEditor {
    private static final int ATTEMPTS = 5;
    /** Past this many lines, a policy is not compared line by line with an import: the import is written whole. */
    static final int MAX_LOGGED_LINES = 10_000;
    /** Past this size, an import is written as it is read, not compared line by line with the stored policy. */
    static final int MAX_LOGGED_IMPORT_BYTES = 1024 * 1024;

    private final RelayPolicyService service;
    private final PolicyEditGuards guards;

    @Inject
    public PolicyEditor(RelayPolicyService service, SmtpListeners listeners) {
        this(service, new OwnListeners(listeners));
    }

    public PolicyEditor(RelayPolicyService service, OwnListeners ownListeners) {
        this.service = service;
        this.guards = new PolicyEditGuards(service::directory, ownListeners);
    }

    /** The stored policy as a document that reads it from the store at each pass, never holding it whole. */
    public PolicyDocument document() throws PolicyStoreException {
        return documentAt(service.store().version());
    }

    private PolicyDocument documentAt(long version) {
        return version == StoredPolicy.NO_VERSION ? PolicyDocument.of("") : PolicyDocument.of(new StoredLines(service.store()), version);
    }

    /**
     * The snapshot in force when {@code document} reads the stored policy at the version in force: what an edit can ask
     * of the policy (is this domain listed, on which line) without a pass over its text.
     */
    public Optional<PolicySnapshot> snapshotOf(PolicyDocument document) {
        PolicyDocument stored = PolicyDocument.of(new StoredLines(service.store()), document.version());
        return document.editsTextOf(stored) ? service.snapshotAt(document.version()) : Optional.empty();
    }

    /**
     * {@code document} reading its entries other than relay recipients from the snapshot in force when it can (see
     * {@link PolicyDocument#withEntriesOf}): for edits and listings of those entries, which then read no text.
     */
    public PolicyDocument withEntriesInForce(PolicyDocument document) {
        return snapshotOf(document).map(document::withEntriesOf).orElse(document);
    }

    /**
     * Writes the document that {@code edit} makes of the stored one; redone on the fresh policy when the policy changed
     * meanwhile.
     *
     * @return the version written
     */
    public long edit(PolicyChange change, UnaryOperator<PolicyDocument> edit)
        throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException {
        for (int attempt = 1; ; attempt++) {
            long version = service.store().version();
            try {
                PolicyDocument before = documentAt(version);
                long written = write(change, version, before, edit.apply(before));
                service.refreshPolicy();
                return written;
            } catch (VersionConflictException | PolicyDocument.TextChangedException e) {
                if (attempt == ATTEMPTS) {
                    throw new VersionConflictException(version, service.store().version());
                }
            } catch (UnreadableStoreException e) {
                throw e.storeFailure();
            }
        }
    }

    /**
     * Replaces the whole policy with {@code utf8} (an import), only if it is valid, and, when {@code expectedVersion} is
     * given, only over that version. A small import (both policies within {@link #MAX_LOGGED_LINES} lines and the
     * import within {@link #MAX_LOGGED_IMPORT_BYTES}) is written as its diff, which nodes apply as a change, and audited
     * line by line; a larger one is validated and written as it is read from the bytes, never as a {@code String}, and
     * audited by the entries it removes and adds, compared with the policy it replaces (by its size when that one is not
     * valid).
     *
     * @throws VersionConflictException when the policy is not of {@code expectedVersion}, or changed meanwhile
     */
    public long replace(String actor, ImportedText text, OptionalLong expectedVersion)
        throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException {
        PolicySnapshot imported = validate(text);
        for (int attempt = 1; ; attempt++) {
            long version = service.store().version();
            if (expectedVersion.isPresent() && expectedVersion.getAsLong() != version) {
                throw new VersionConflictException(expectedVersion.getAsLong(), version);
            }
            try {
                Optional<PolicySnapshot> before = snapshotAt(version);
                if (text.byteCount() <= MAX_LOGGED_IMPORT_BYTES && before.map(PolicySnapshot::lineCount).orElse(Integer.MAX_VALUE) <= MAX_LOGGED_LINES) {
                    return importAsChange(actor, whole(text), expectedVersion);
                }
                return importWhole(actor, text, imported, before, version);
            } catch (VersionConflictException e) {
                if (attempt == ATTEMPTS || expectedVersion.isPresent()) {
                    throw e;
                }
            }
        }
    }

    private long importAsChange(String actor, String text, OptionalLong expectedVersion)
        throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException {
        String beforeText = service.store().read().map(StoredPolicy::text).orElse("");
        try {
            return edit(PolicyChange.ofTexts(actor, "import", beforeText, text), document -> {
                if (expectedVersion.isPresent() && document.version() != expectedVersion.getAsLong()) {
                    throw new NotOfExpectedVersion(document.version());
                }
                return PolicyDocument.of(text);
            });
        } catch (NotOfExpectedVersion e) {
            throw new VersionConflictException(expectedVersion.getAsLong(), e.found);
        }
    }

    private long importWhole(String actor, ImportedText text, PolicySnapshot imported, Optional<PolicySnapshot> before, long version)
        throws RefusedPolicyEditException, PolicyStoreException {
        guards.check(before.map(PolicySnapshot::policy).orElseGet(RelayPolicy::empty), imported);
        Optional<PolicySnapshot> replaced = version == StoredPolicy.NO_VERSION ? Optional.of(PolicySnapshot.empty(service.sourceName())) : before;
        PolicyChange change = replaced.map(policy -> PolicyChange.ofPolicies(actor, "import", policy, imported))
            .orElseGet(() -> new PolicyChange(actor, "import", "the whole policy (not valid)", "the whole policy (" + lines(imported) + ")"));
        try (Reader reader = text.reader()) {
            long written = service.store().writeStreamed(reader, version, change);
            service.applyWritten(written, imported);
            return written;
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read the imported policy: " + e.getMessage(), e);
        }
    }

    /** The policy an import was to replace changed before it was written. */
    private static final class NotOfExpectedVersion extends RuntimeException {
        private final long found;

        private NotOfExpectedVersion(long found) {
            super(null, null, false, false);
            this.found = found;
        }
    }

    private static String lines(PolicySnapshot policy) {
        return policy.lineCount() == 1 ? "1 line" : String.format(Locale.ROOT, "%,d lines", policy.lineCount());
    }

    private static String whole(ImportedText text) throws PolicyStoreException {
        try (InputStream bytes = text.open()) {
            return new String(bytes.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read the imported policy: " + e.getMessage(), e);
        }
    }

    private PolicySnapshot validate(ImportedText text) throws InvalidPolicyEditException, PolicyStoreException {
        try (Reader reader = text.reader()) {
            return PolicySnapshot.parse(service.sourceName(), reader);
        } catch (PolicyFileException e) {
            throw new InvalidPolicyEditException(e);
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read the imported policy: " + e.getMessage(), e);
        }
    }

    /**
     * Validates the edit (by applying its diff to the snapshot of the stored policy, which parses only the entries other
     * than relay recipients, or by parsing the whole edited policy when that cannot tell), checks its guards, and writes
     * it as a diff (which a store may fold into a new base when it is large).
     */
    private long write(PolicyChange change, long version, PolicyDocument before, PolicyDocument edited)
        throws InvalidPolicyEditException, RefusedPolicyEditException, PolicyStoreException {
        TextDiff diff = edited.changeFrom(before).orElseGet(() -> TextDiff.between(before.lines(), edited.lines()));
        Optional<PolicySnapshot> beforeSnapshot = snapshotAt(version);
        PolicySnapshot after = beforeSnapshot.flatMap(snapshot -> snapshot.apply(diff)).orElse(null);
        if (after == null) {
            after = validate(version, diff);
        }
        guards.check(beforeSnapshot.map(PolicySnapshot::policy).orElseGet(RelayPolicy::empty), after);
        return service.store().writeChange(diff, version, change);
    }

    /**
     * The whole policy that {@code diff} makes of the stored one, parsed as it is read with the diff applied, so that an
     * error is reported on its line of the edited text.
     *
     * @throws VersionConflictException when the stored policy is no longer of this version
     */
    private PolicySnapshot validate(long version, TextDiff diff) throws InvalidPolicyEditException, PolicyStoreException {
        try {
            if (version == StoredPolicy.NO_VERSION) {
                return PolicySnapshot.parse(service.sourceName(), TextDiff.text(diff.applyTo(List.of())));
            }
            Versioned<PolicySnapshot> read = service.store()
                .read(text -> PolicySnapshot.parse(service.sourceName(), StreamedDiff.apply(diff, TextLines.of(text)).asReader()))
                .orElseThrow(() -> new VersionConflictException(version, StoredPolicy.NO_VERSION));
            if (read.version() != version) {
                throw new VersionConflictException(version, read.version());
            }
            return read.value();
        } catch (PolicyFileException e) {
            throw new InvalidPolicyEditException(e);
        }
    }

    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        return service.store().audit(limit);
    }

    /**
     * The snapshot of the stored policy: the one in force when it is of this version (no parse), else the stored text
     * parsed as it is read; empty when it does not parse (edited by hand), which guards nothing: every entry of the edit
     * counts as new.
     *
     * @throws VersionConflictException when the stored policy is no longer of this version
     */
    private Optional<PolicySnapshot> snapshotAt(long version) throws PolicyStoreException {
        Optional<PolicySnapshot> inForce = service.snapshotAt(version);
        if (inForce.isPresent() || version == StoredPolicy.NO_VERSION) {
            return inForce;
        }
        try {
            Versioned<PolicySnapshot> read = service.store().read(text -> PolicySnapshot.parse(service.sourceName(), text))
                .orElseThrow(() -> new VersionConflictException(version, StoredPolicy.NO_VERSION));
            if (read.version() != version) {
                throw new VersionConflictException(version, read.version());
            }
            return Optional.of(read.value());
        } catch (PolicyFileException e) {
            return Optional.empty();
        }
    }
}
