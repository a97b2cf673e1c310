package org.jamesrelay.james.dkim;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.inject.Inject;

import org.jamesrelay.dkim.DkimAlgorithm;
import org.jamesrelay.dkim.DkimDomain;
import org.jamesrelay.dkim.DkimKey;
import org.jamesrelay.dkim.DkimKeyring;
import org.jamesrelay.dkim.FailureMode;
import org.jamesrelay.dkim.KeyringText;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredKeys;
import org.jamesrelay.store.VersionConflictException;

/**
 * Changes the DKIM keys, for WebAdmin and the command line: each change is made on the stored keys, written only if
 * nobody changed them meanwhile (else redone), recorded in the audit trail with the key's public fingerprint, and
 * applied on this node at once (other nodes apply it at their next refresh). Key pairs are generated once, before
 * the first attempt.
 */
public class DkimKeyEditor {
    private static final int ATTEMPTS = 5;

    private final DkimKeyService service;
    private final Clock clock;

    @Inject
    public DkimKeyEditor(DkimKeyService service) {
        this(service, Clock.systemUTC());
    }

    public DkimKeyEditor(DkimKeyService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** The stored keys, which may be newer than the ones in force on this node. */
    public DkimKeyring stored() throws PolicyStoreException {
        return parse(service.store().read());
    }

    /**
     * Adds a key, generated unless {@code pem} is given. It is active when asked to be, else only when its domain
     * has no active key of its algorithm yet.
     */
    public DkimKey add(String actor, String domain, String selector, DkimAlgorithm algorithm, int rsaBits, Optional<String> pem,
                       Optional<Boolean> active) throws PolicyStoreException {
        DkimKey created;
        try {
            Instant now = clock.instant();
            created = pem.isPresent() ? DkimKey.fromPem(domain, selector, pem.get(), false, now)
                : DkimKey.generate(domain, selector, algorithm, rsaBits, false, now);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DkimEditException(DkimEditException.Reason.INVALID, e.getMessage());
        }
        DkimKey[] added = new DkimKey[1];
        edit(actor, pem.isPresent() ? "import dkim key" : "add dkim key", keyring -> {
            DkimDomain current = keyring.domain(created.domain()).orElseGet(() -> DkimDomain.empty(created.domain()));
            if (current.key(created.selector()).isPresent()) {
                throw new DkimEditException(DkimEditException.Reason.CONFLICT, "selector " + created.selector() + " of "
                    + created.domain() + " exists already: retire it first, or choose another selector");
            }
            boolean activate = active.orElseGet(() -> current.activeKeys().stream().noneMatch(key -> key.algorithm() == created.algorithm()));
            added[0] = created.withActive(activate);
            return keyring.with(current.withKey(added[0]));
        }, keyring -> "", keyring -> added[0].describe());
        return added[0];
    }

    /** The key of this selector signs from now on, in place of the active key of its algorithm: the rotation switch. */
    public DkimKey activate(String actor, String domain, String selector) throws PolicyStoreException {
        edit(actor, "activate dkim key", keyring -> keyring.with(existing(keyring, domain, selector).activate(selector)),
            keyring -> describe(keyring, domain, selector), keyring -> describe(keyring, domain, selector));
        return stored().domain(domain).flatMap(found -> found.key(selector)).orElseThrow();
    }

    /** Removes a key; a domain left without keys is removed too. */
    public void retire(String actor, String domain, String selector) throws PolicyStoreException {
        edit(actor, "retire dkim key", keyring -> {
            DkimDomain retired = existing(keyring, domain, selector).without(selector);
            return retired.keys().isEmpty() ? keyring.without(domain) : keyring.with(retired);
        }, keyring -> describe(keyring, domain, selector), keyring -> "");
    }

    public DkimDomain settings(String actor, String domain, boolean subdomains, FailureMode onFailure)
        throws PolicyStoreException {
        UnaryOperator<DkimKeyring> change = keyring -> keyring.with(existing(keyring, domain).withSettings(subdomains, onFailure));
        edit(actor, "change dkim domain", change, keyring -> settingsOf(keyring, domain), keyring -> settingsOf(keyring, domain));
        return stored().domain(domain).orElseThrow();
    }

    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        return service.store().audit(limit);
    }

    private void edit(String actor, String action, UnaryOperator<DkimKeyring> change,
                      Function<DkimKeyring, String> before, Function<DkimKeyring, String> after)
        throws PolicyStoreException {
        for (int attempt = 1; ; attempt++) {
            Optional<StoredKeys> current = service.store().read();
            DkimKeyring keyring = parse(current);
            DkimKeyring changed;
            try {
                changed = change.apply(keyring);
            } catch (IllegalArgumentException e) {
                throw new DkimEditException(DkimEditException.Reason.INVALID, e.getMessage());
            }
            PolicyChange recorded = new PolicyChange(actor, action, before.apply(keyring), after.apply(changed));
            try {
                service.store().write(KeyringText.render(changed), current.map(StoredKeys::version).orElse(StoredKeys.NO_VERSION), recorded);
                service.refresh();
                return;
            } catch (VersionConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static DkimKeyring parse(Optional<StoredKeys> stored) throws PolicyStoreException {
        try {
            return stored.map(keys -> KeyringText.parse(keys.text())).orElseGet(DkimKeyring::empty);
        } catch (IllegalArgumentException e) {
            throw new PolicyStoreException("the stored DKIM keys cannot be read: " + e.getMessage());
        }
    }

    private static DkimDomain existing(DkimKeyring keyring, String domain) {
        return keyring.domain(domain)
            .orElseThrow(() -> new DkimEditException(DkimEditException.Reason.NOT_FOUND, "no DKIM key for " + domain));
    }

    private static DkimDomain existing(DkimKeyring keyring, String domain, String selector) {
        DkimDomain found = existing(keyring, domain);
        if (found.key(selector).isEmpty()) {
            throw new DkimEditException(DkimEditException.Reason.NOT_FOUND, "no DKIM selector " + selector + " for " + domain);
        }
        return found;
    }

    private static String describe(DkimKeyring keyring, String domain, String selector) {
        return keyring.domain(domain).flatMap(found -> found.key(selector)).map(DkimKey::describe).orElse("");
    }

    private static String settingsOf(DkimKeyring keyring, String domain) {
        return keyring.domain(domain)
            .map(found -> found.name() + " subdomains=" + (found.subdomains() ? "yes" : "no") + " on-failure=" + found.onFailure().keyword())
            .orElse("");
    }
}
