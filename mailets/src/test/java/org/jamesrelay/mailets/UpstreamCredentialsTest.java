package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamCredentialsTest {
    @TempDir
    Path directory;

    @Test
    void aLoginIsReadByName() throws Exception {
        Path file = Files.writeString(directory.resolve("relay-credentials.properties"),
            "# comment\nesp.username=relay@esp.test\nesp.password=s3cret\ncorp.username=gw\ncorp.password=pw\n");

        UpstreamCredentials credentials = new UpstreamCredentials(file);

        assertThat(credentials.login("esp")).isEqualTo(new UpstreamCredentials.Login("relay@esp.test", "s3cret"));
        assertThat(credentials.login("corp")).isEqualTo(new UpstreamCredentials.Login("gw", "pw"));
    }

    @Test
    void aMissingLoginNamesTheFileAndTheExpectedKeys() throws Exception {
        Path file = Files.writeString(directory.resolve("relay-credentials.properties"), "half.username=only-a-user\n");

        assertThatThrownBy(() -> new UpstreamCredentials(file).login("half"))
            .isInstanceOf(UpstreamCredentials.UnknownCredentialsException.class)
            .hasMessage("no credentials named 'half' in relay-credentials.properties (expected half.username and half.password)");
    }

    @Test
    void aMissingFileHasNoLogins() {
        assertThatThrownBy(() -> new UpstreamCredentials(directory.resolve("absent.properties")).login("esp"))
            .isInstanceOf(UpstreamCredentials.UnknownCredentialsException.class);
    }

    @Test
    void aChangedFileIsReadAgain() throws Exception {
        Path file = Files.writeString(directory.resolve("relay-credentials.properties"), "esp.username=a\nesp.password=old\n");
        UpstreamCredentials credentials = new UpstreamCredentials(file);
        assertThat(credentials.login("esp").password()).isEqualTo("old");

        Files.writeString(file, "esp.username=a\nesp.password=new\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(credentials.login("esp").password()).isEqualTo("new");
    }

    @Test
    void theSecretIsNeverPrinted() {
        assertThat(new UpstreamCredentials.Login("relay", "s3cret").toString()).isEqualTo("relay:****");
    }
}
