package org.jamesrelay.dkim;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyring as the key store keeps it, one entry a line: a {@code dkim-domain} line, then its {@code dkim-key}
 * lines, each with its private key as base64 PKCS#8. This text holds private keys: it goes to the key store only.
 * <pre>
 * dkim-domain example.com subdomains=no on-failure=hold
 * dkim-key example.com s1 rsa-sha256 active 2026-12-06T14:00:00Z MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...
 * </pre>
 */
public final class KeyringText {
    static final String HEADER = "# James Relay DKIM signing keys, with their private keys: readable by the server's user only.\n";
    private static final String DOMAIN = "dkim-domain";
    private static final String KEY = "dkim-key";

    private KeyringText() {
    }

    public static String render(DkimKeyring keyring) {
        StringBuilder text = new StringBuilder(HEADER);
        for (DkimDomain domain : keyring.domains()) {
            text.append(DOMAIN).append(' ').append(domain.name())
                .append(" subdomains=").append(domain.subdomains() ? "yes" : "no")
                .append(" on-failure=").append(domain.onFailure().keyword()).append('\n');
            for (DkimKey key : domain.keys()) {
                text.append(KEY).append(' ').append(key.domain()).append(' ').append(key.selector()).append(' ')
                    .append(key.algorithm().tag()).append(' ').append(key.active() ? "active" : "standby").append(' ')
                    .append(key.created()).append(' ')
                    .append(Base64.getEncoder().encodeToString(key.privateKeyPkcs8())).append('\n');
            }
        }
        return text.toString();
    }

    /** @throws IllegalArgumentException naming the line and the problem, never the key */
    public static DkimKeyring parse(String text) {
        Map<String, DkimDomain> domains = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                parseLine(line.split("\\s+"), domains);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return DkimKeyring.of(domains.values());
    }

    private static void parseLine(String[] fields, Map<String, DkimDomain> domains) {
        if (fields[0].equals(DOMAIN) && fields.length == 4) {
            DkimDomain domain = new DkimDomain(fields[1], yesNo(setting(fields[2], "subdomains")),
                FailureMode.of(setting(fields[3], "on-failure")), List.of());
            if (domains.putIfAbsent(domain.name(), domain) != null) {
                throw new IllegalArgumentException("domain " + domain.name() + " is listed twice");
            }
        } else if (fields[0].equals(KEY) && fields.length == 7) {
            DkimDomain domain = domains.get(DkimDomain.domainName(fields[1]));
            if (domain == null) {
                throw new IllegalArgumentException("key of " + fields[1] + " before its dkim-domain line");
            }
            List<DkimKey> keys = new ArrayList<>(domain.keys());
            keys.add(key(fields));
            domains.put(domain.name(), new DkimDomain(domain.name(), domain.subdomains(), domain.onFailure(), keys));
        } else {
            throw new IllegalArgumentException("expected '" + DOMAIN + " DOMAIN subdomains=yes|no on-failure=MODE' or '"
                + KEY + " DOMAIN SELECTOR ALGORITHM active|standby CREATED KEY'");
        }
    }

    private static DkimKey key(String[] fields) {
        DkimAlgorithm algorithm = DkimAlgorithm.of(fields[3]);
        boolean active = fields[4].equals("active");
        if (!active && !fields[4].equals("standby")) {
            throw new IllegalArgumentException("expected active or standby, not '" + fields[4] + "'");
        }
        try {
            KeyMaterial material = KeyMaterials.fromPkcs8(algorithm, Base64.getDecoder().decode(fields[6]));
            return new DkimKey(fields[1], fields[2], material, active, Instant.parse(fields[5]));
        } catch (GeneralSecurityException | DateTimeParseException e) {
            throw new IllegalArgumentException("key " + fields[2] + " of " + fields[1] + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static String setting(String field, String name) {
        if (!field.startsWith(name + "=")) {
            throw new IllegalArgumentException("expected " + name + "=..., not '" + field + "'");
        }
        return field.substring(name.length() + 1);
    }

    private static boolean yesNo(String value) {
        if (value.equals("yes") || value.equals("no")) {
            return value.equals("yes");
        }
        throw new IllegalArgumentException("expected yes or no, not '" + value + "'");
    }
}
