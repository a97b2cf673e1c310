package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminPlaneGuardTest {
    private static final Path FILE = Path.of("conf", "webadmin.properties");

    private static Properties webAdmin(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "enabled=true\nhost=127.0.0.1\njwt.enabled=false",
        "enabled=true\nhost=localhost",
        "enabled=true\nhost=::1",
        "enabled=false\nhost=0.0.0.0",
        "enabled=true\nhost=0.0.0.0\njwt.enabled=true",
        "enabled=true\nhost=0.0.0.0\njwt.enabled=true\nhttps.enabled=true"})
    void loopbackOrAuthenticatedWebAdminShouldBeAccepted(String configuration) throws IOException {
        assertThatCode(() -> AdminPlaneGuard.check(FILE, webAdmin(configuration))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.1", "no-such-host.invalid"})
    void webAdminOffLoopbackWithoutJwtShouldStopTheServerNamingFileAndKey(String host) {
        assertThatThrownBy(() -> AdminPlaneGuard.check(FILE, webAdmin("enabled=true\nhost=" + host + "\njwt.enabled=false\n")))
            .isInstanceOf(UnsafeAdminPlaneException.class)
            .hasMessage(FILE + ": host=" + host + " opens WebAdmin, which can switch the relay to open relay mode, to the network "
                + "without authentication: set jwt.enabled=true with jwt.publickeypem.url (and https.enabled=true), or host=127.0.0.1");
    }
}
