package org.jamesrelay.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DkimKeyringTest {
    private static DkimKey s1;
    private static DkimKey s2;
    private static DkimKey e1;

    @BeforeAll
    static void keys() throws Exception {
        s1 = DkimKey.generate("example.com", "s1", DkimAlgorithm.RSA_SHA256, 1024, true, Instant.parse("2026-01-01T00:00:00Z"));
        s2 = DkimKey.generate("example.com", "s2", DkimAlgorithm.RSA_SHA256, 1024, false, Instant.parse("2026-06-01T00:00:00Z"));
        e1 = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256, 0, true, Instant.parse("2026-06-01T00:00:00Z"));
    }

    @Test
    void mailOfADomainIsSignedByItOrByTheNearestParentThatSignsItsSubdomains() {
        DkimKeyring keyring = DkimKeyring.of(List.of(new DkimDomain("example.com", true, FailureMode.HOLD, List.of(s1))));

        assertThat(keyring.signerFor("EXAMPLE.com")).map(DkimDomain::name).contains("example.com");
        assertThat(keyring.signerFor("eu.sales.example.com")).map(DkimDomain::name).contains("example.com");
        assertThat(keyring.signerFor("example.org")).isEmpty();
        assertThat(keyring.signerFor("notexample.com")).isEmpty();
        assertThat(keyring.signerFor("")).isEmpty();
    }

    @Test
    void aParentThatDoesNotSignItsSubdomainsOrAListedDomainWithoutActiveKeySignsNothing() {
        DkimKeyring keyring = DkimKeyring.of(List.of(
            new DkimDomain("example.com", false, FailureMode.HOLD, List.of(s1)),
            new DkimDomain("example.org", true, FailureMode.HOLD, List.of()),
            new DkimDomain("lab.example.net", false, FailureMode.HOLD, List.of()),
            DkimDomain.empty("example.net").withSettings(true, FailureMode.HOLD)));

        assertThat(keyring.signerFor("sales.example.com")).isEmpty();
        assertThat(keyring.signerFor("example.org")).isEmpty();
        assertThat(keyring.signerFor("x.lab.example.net")).isEmpty();
    }

    @Test
    void anActiveKeyReplacesTheActiveKeyOfItsAlgorithmOnly() {
        DkimDomain domain = new DkimDomain("example.com", false, FailureMode.HOLD, List.of(s1, e1));

        DkimDomain rotated = domain.withKey(s2.withActive(true));

        assertThat(rotated.activeKeys()).extracting(DkimKey::selector).containsExactly("s2", "e1");
        assertThat(rotated.key("s1")).map(DkimKey::active).contains(false);
        assertThat(domain.withKey(s2).activate("s2").activate("s1").activeKeys()).extracting(DkimKey::selector).containsExactly("s1", "e1");
        assertThat(rotated.without("s2").activeKeys()).extracting(DkimKey::selector).containsExactly("e1");
    }

    @Test
    void aSelectorIsUsedOnce() {
        DkimDomain domain = new DkimDomain("example.com", false, FailureMode.HOLD, List.of(s1));

        assertThatThrownBy(() -> domain.withKey(s1.withActive(false))).hasMessageContaining("selector s1 of example.com already exists");
    }

    @Test
    void theKeyringTextKeepsEverythingAndReadsBackTheSame() {
        DkimKeyring keyring = DkimKeyring.of(List.of(
            new DkimDomain("example.com", true, FailureMode.SEND_UNSIGNED, List.of(s1, s2, e1)),
            DkimDomain.empty("example.org")));

        String text = KeyringText.render(keyring);

        assertThat(KeyringText.parse(text)).isEqualTo(keyring);
        assertThat(text).contains("dkim-domain example.com subdomains=yes on-failure=send-unsigned\n",
            "dkim-key example.com s2 rsa-sha256 standby 2026-06-01T00:00:00Z ");
    }

    @Test
    void aBrokenKeyringNamesTheLineButNeverTheKey() {
        String privateKey = Base64.getEncoder().encodeToString(s1.privateKeyPkcs8());
        String broken = "dkim-domain example.com subdomains=no on-failure=hold\n"
            + "dkim-key example.com s1 rsa-sha256 active 2026-01-01T00:00:00Z " + privateKey.substring(0, 100) + "\n";

        assertThatThrownBy(() -> KeyringText.parse(broken))
            .hasMessageStartingWith("line 2: key s1 of example.com cannot be read")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(privateKey.substring(40, 80)));
        assertThatThrownBy(() -> KeyringText.parse("dkim-key example.com s1 rsa-sha256 active 2026-01-01T00:00:00Z " + privateKey))
            .hasMessageContaining("line 1: key of example.com before its dkim-domain line");
    }
}
