package org.jamesrelay.james;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where this node keeps the relay policy and how often it looks for changes: {@code conf/relay-store.properties}.
 * Without the file, the policy is the file {@code conf/relay-policy.conf}, checked every second. Every error names
 * the file and the key.
 */
public final class RelayStoreConfiguration {
    public enum Kind {
        FILE, CASSANDRA
    }

    public static final String LOCATION = "file://conf/relay-store.properties";
    static final Duration DEFAULT_REFRESH = Duration.ofSeconds(1);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");
    private static final Set<String> KEYS = Set.of("store", "refresh.interval", "cassandra.contact.points",
        "cassandra.local.datacenter", "cassandra.keyspace", "cassandra.replication.factor", "cassandra.request.timeout");

    private final Kind kind;
    private final Duration refreshInterval;
    private final Properties properties;
    private final String source;

    public static RelayStoreConfiguration defaults() {
        return new RelayStoreConfiguration(Kind.FILE, DEFAULT_REFRESH, new Properties(), "defaults");
    }

    public static RelayStoreConfiguration load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (IOException e) {
            throw new InvalidPolicyException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(properties, file.toString());
    }

    static RelayStoreConfiguration parse(Properties properties, String source) {
        Set<String> unknown = new HashSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw invalid(source, unknown.iterator().next(), "unknown key; keys are " + String.join(", ", KEYS.stream().sorted().toArray(String[]::new)));
        }
        Kind kind = kind(properties.getProperty("store", "file").trim(), source);
        Duration refresh = Optional.ofNullable(properties.getProperty("refresh.interval"))
            .map(value -> duration(value, source, "refresh.interval"))
            .orElse(DEFAULT_REFRESH);
        return new RelayStoreConfiguration(kind, refresh, properties, source);
    }

    private static Kind kind(String value, String source) {
        try {
            return Kind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(source, "store", "'" + value + "' is not one of file, cassandra");
        }
    }

    static Duration duration(String value, String source, String key) {
        Matcher matcher = DURATION.matcher(value.trim());
        if (!matcher.matches()) {
            throw invalid(source, key, "'" + value + "' is not a duration such as 500ms, 2s or 1m");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = Optional.ofNullable(matcher.group(2)).orElse("s");
        Duration duration = unit.equals("ms") ? Duration.ofMillis(amount) : unit.equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
        if (duration.isZero()) {
            throw invalid(source, key, "must be more than zero");
        }
        return duration;
    }

    private static InvalidPolicyException invalid(String source, String key, String problem) {
        return new InvalidPolicyException("Invalid relay store configuration: " + source + ": " + key + ": " + problem, null);
    }

    private RelayStoreConfiguration(Kind kind, Duration refreshInterval, Properties properties, String source) {
        this.kind = kind;
        this.refreshInterval = refreshInterval;
        this.properties = properties;
        this.source = source;
    }

    public Kind kind() {
        return kind;
    }

    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** A key of this configuration, for a store that reads its own ones. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim);
    }

    public List<String> values(String key) {
        return value(key).map(value -> List.of(value.split("\\s*,\\s*"))).orElse(List.of());
    }

    public String source() {
        return source;
    }

    public InvalidPolicyException invalid(String key, String problem) {
        return invalid(source, key, problem);
    }
}
