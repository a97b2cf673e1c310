package org.jamesrelay.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's python3-dkim as an independent verifier: one "pass d=... s=... a=..." or "fail ..." line per signature
 * of the message, the public keys handed over instead of DNS.
 */
public final class PythonDkimVerifier {
    private static final String PYTHON = "/usr/bin/python3";

    private PythonDkimVerifier() {
    }

    public static List<String> verify(byte[] message, Map<String, String> records) throws IOException, InterruptedException {
        Path script = Files.createTempFile("verify_dkim", ".py");
        try (InputStream source = PythonDkimVerifier.class.getResourceAsStream("/verify_dkim.py")) {
            Files.write(script, source.readAllBytes());
            String json = records.entrySet().stream()
                .map(entry -> quote(entry.getKey()) + ": " + quote(entry.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
            Process process = new ProcessBuilder(PYTHON, script.toString(), json).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(message);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("python3-dkim failed (apt-get install python3-dkim): " + output);
            }
            return output.lines().collect(Collectors.toList());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
