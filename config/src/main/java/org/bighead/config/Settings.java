package org.bighead.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bighead's one configuration convention, for every command and service: a setting named {@code registry.port}
 * is the environment variable {@code BIGHEAD_REGISTRY_PORT}, else the key {@code "registry.port"} of the flat JSON
 * object in {@code ~/.bighead/config.json} ({@code $BIGHEAD_CONFIG} names another file). A command-line flag wins
 * over both and the built-in default comes last: {@link SettingsDefaults} plugs this into picocli.
 *
 * <p>Blank values count as unset, so {@code BIGHEAD_REGISTRY_URL=} does not hide the file's value.
 */
public final class Settings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;
    private final Path file;
    private final Map<String, String> fileValues;

    private Settings(Map<String, String> env, Path file, Map<String, String> fileValues) {
        this.env = env;
        this.file = file;
        this.fileValues = fileValues;
    }

    /** The settings of this process: its environment and the user's config file. */
    public static Settings load() {
        return load(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Settings from {@code env} and the config file it implies under {@code home}.
     *
     * @throws SettingsException when the file exists but is not a JSON object of plain values
     */
    public static Settings load(Map<String, String> env, Path home) {
        Path file = configFile(env, home);
        return new Settings(Map.copyOf(env), file, readFile(file));
    }

    /** Settings from exactly these values: for tests and for callers that resolved them elsewhere. */
    public static Settings of(Map<String, String> env, Map<String, String> fileValues) {
        return new Settings(Map.copyOf(env), Path.of("config.json"), Map.copyOf(fileValues));
    }

    /** The config file: {@code $BIGHEAD_CONFIG} when set, else {@code HOME/.bighead/config.json}. */
    public static Path configFile(Map<String, String> env, Path home) {
        String named = env.get("BIGHEAD_CONFIG");
        return named != null && !named.isBlank()
                ? Path.of(named)
                : home.resolve(".bighead").resolve("config.json");
    }

    /** The environment variable of a setting: {@code registry.db-url} is {@code BIGHEAD_REGISTRY_DB_URL}. */
    public static String envName(String key) {
        return "BIGHEAD_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of {@code key}: from the environment, else the config file; empty when neither sets it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(nonBlank(env.get(envName(key)))).or(() -> Optional.ofNullable(fileValues.get(key)));
    }

    /** Where the value of {@code key} comes from, for help and diagnostics: the variable, the file, or nothing. */
    public Optional<String> sourceOf(String key) {
        if (nonBlank(env.get(envName(key))) != null) {
            return Optional.of(envName(key));
        }
        return fileValues.containsKey(key) ? Optional.of(file.toString()) : Optional.empty();
    }

    /** The config file these settings read (it need not exist). */
    public Path file() {
        return file;
    }

    /** Every value the config file sets, by key. */
    public Map<String, String> fileValues() {
        return Collections.unmodifiableMap(new TreeMap<>(fileValues));
    }

    private static Map<String, String> readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new SettingsException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        JsonNode root;
        try {
            root = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new SettingsException(file + ": not valid JSON"
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                    + "; it holds one object of settings, e.g. {\"registry.url\": \"http://127.0.0.1:8470\"}");
        }
        if (!root.isObject()) {
            throw new SettingsException(file + ": must hold one JSON object of settings,"
                    + " e.g. {\"registry.url\": \"http://127.0.0.1:8470\"}");
        }
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new SettingsException(
                        file + ": the setting \"" + field.getKey() + "\" must be a string, number or boolean");
            }
            String shown = nonBlank(value.asText());
            if (shown != null) {
                values.put(field.getKey(), shown);
            }
        }
        return values;
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
