package org.bighead.magics;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.bighead.config.Settings;

/**
 * Per-user Bighead settings, a flat JSON object in {@code $BIGHEAD_CONFIG}, else {@code ~/.bighead/config.json}.
 * Only known keys can be set, each validated and with a default; the file is read on every call (another
 * kernel may have changed it) and written atomically with owner-only permissions, since it may hold a token.
 * Keys this version does not know are kept when the file is rewritten.
 */
public final class BigheadConfig {

    /** A known setting: its help is the reference text shown by {@code %bighead config}. */
    public record Setting(
            String key, String help, String defaultValue, boolean secret, Function<String, String> problem) {
        /** Why {@code value} is not acceptable, or null when it is. */
        String check(String value) {
            return problem.apply(value);
        }
    }

    /** Every known setting, by key. */
    public static final SortedMap<String, Setting> SETTINGS = settings(List.of(
            new Setting(
                    "registry.url",
                    "URL of the Bighead registry (models, metrics, deployments)",
                    "http://127.0.0.1:8470",
                    false,
                    BigheadConfig::urlProblem),
            new Setting(
                    "registry.token",
                    "API token sent to the registry; shown masked",
                    null,
                    true,
                    v -> v.chars().anyMatch(Character::isWhitespace) ? "a token has no spaces" : null),
            new Setting(
                    "user.name",
                    "Who you are to the registry: the owner of what you export",
                    System.getProperty("user.name"),
                    false,
                    v -> v.length() > 64 || v.chars().anyMatch(Character::isISOControl)
                            ? "a user name is at most 64 characters, with no control characters"
                            : null)));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    /** Settings kept in {@code file} (which need not exist yet). */
    public BigheadConfig(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** Settings in {@code $BIGHEAD_CONFIG}, else {@code ~/.bighead/config.json}. */
    public static BigheadConfig forCurrentUser() {
        return new BigheadConfig(defaultFile(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** Where settings live given the environment and home folder: {@code $BIGHEAD_CONFIG} wins when set. */
    public static Path defaultFile(Map<String, String> env, Path home) {
        String fromEnv = env.get("BIGHEAD_CONFIG");
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : home.resolve(".bighead/config.json");
    }

    /** The settings file. */
    public Path file() {
        return file;
    }

    /** The value of a setting: what was set, else its default; null when neither exists. */
    public String get(String key) {
        Setting setting = setting(key);
        return Optional.ofNullable(read().get(key)).orElse(setting.defaultValue());
    }

    /**
     * Who you are to the registry, as {@code env} and the file say: {@code BIGHEAD_USER_NAME}, else the file's
     * {@code user.name}, else {@code JUPYTERHUB_USER} (in a hub's server every person's kernel runs as the image's
     * {@code jovyan}; the hub names the person), else the system's user name.
     */
    public String userName(Map<String, String> env) {
        return effective("user.name", env).value();
    }

    /** A setting's value in effect and where it comes from ("" for the file; "(default)"; "(from VARIABLE)"). */
    public record Effective(String value, String source) {}

    /**
     * The value of {@code key} that commands use: its {@code BIGHEAD_*} variable, else the file, else (for
     * {@code user.name}) {@code JUPYTERHUB_USER}, else the default; what {@code %bighead config} shows.
     */
    public Effective effective(String key, Map<String, String> env) {
        Setting setting = setting(key);
        String variable = Settings.envName(key);
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Effective(fromEnv.strip(), "(from " + variable + ")");
        }
        String fromFile = read().get(key);
        if (fromFile != null) {
            return new Effective(fromFile, "");
        }
        String hubUser = env.get("JUPYTERHUB_USER");
        if (key.equals("user.name") && hubUser != null && !hubUser.isBlank()) {
            return new Effective(hubUser.strip(), "(the hub's user, JUPYTERHUB_USER)");
        }
        return new Effective(setting.defaultValue(), setting.defaultValue() == null ? "" : "(default)");
    }

    /** {@link #effective} as it may be shown: secrets masked, "(not set)" when there is none, then its source. */
    public String shown(String key, Map<String, String> env) {
        Effective e = effective(key, env);
        String value = e.value() == null ? "(not set)" : setting(key).secret() ? mask(e.value()) : e.value();
        return e.source().isEmpty() ? value : value + "  " + e.source();
    }

    /** Every value set in the file, by key (unknown keys included). */
    public Map<String, String> values() {
        return Collections.unmodifiableSortedMap(read());
    }

    /** True when the setting was set explicitly (not its default). */
    public boolean isSet(String key) {
        setting(key);
        return read().containsKey(key);
    }

    /** The value as it may be shown: secrets masked, "(not set)" when there is none. */
    public String shown(String key) {
        String value = get(key);
        if (value == null) {
            return "(not set)";
        }
        return setting(key).secret() ? mask(value) : value;
    }

    /** Validates and saves a setting. */
    public void set(String key, String value) {
        Setting setting = setting(key);
        String v = value.strip();
        String problem = v.isEmpty()
                ? "the value is empty (to remove a setting: %bighead config --unset " + key + ")"
                : setting.check(v);
        if (problem != null) {
            throw new MagicException("invalid " + key + " '" + value + "': " + problem);
        }
        SortedMap<String, String> values = read();
        values.put(key, v);
        write(values);
    }

    /** Removes a setting so its default applies again; returns whether it was set. */
    public boolean unset(String key) {
        setting(key);
        SortedMap<String, String> values = read();
        if (values.remove(key) == null) {
            return false;
        }
        write(values);
        return true;
    }

    /** The known setting {@code key}, or a MagicException listing the known keys. */
    public static Setting setting(String key) {
        Setting setting = SETTINGS.get(key);
        if (setting == null) {
            String near = Names.closest(key, SETTINGS.keySet())
                    .map(k -> " (did you mean " + k + "?)")
                    .orElse("");
            throw new MagicException("unknown setting '" + key + "'" + near + "; known settings: "
                    + String.join(", ", SETTINGS.keySet()));
        }
        return setting;
    }

    /** "****" and, for long secrets, their last four characters. */
    static String mask(String secret) {
        return secret.length() >= 12 ? "****" + secret.substring(secret.length() - 4) : "****";
    }

    static String urlProblem(String value) {
        String expected = "expected an http:// or https:// URL with a host, e.g. http://127.0.0.1:8470";
        try {
            URI uri = new URI(value);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? null : expected;
        } catch (URISyntaxException e) {
            return expected + " (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
    }

    private SortedMap<String, String> read() {
        SortedMap<String, String> values = new TreeMap<>();
        if (!Files.exists(file)) {
            return values;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw corrupt("is not valid JSON" + where + " (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new MagicException("cannot read Bighead settings from " + file + ": " + MagicRegistry.describe(e), e);
        }
        if (root == null || root.isMissingNode()) {
            return values;
        }
        if (!root.isObject()) {
            throw corrupt("is not a JSON object of settings", null);
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getValue().isTextual()) {
                throw corrupt("has a non-text value for '" + e.getKey() + "'", null);
            }
            values.put(e.getKey(), e.getValue().asText());
        }
        return values;
    }

    private MagicException corrupt(String what, Exception cause) {
        return new MagicException(
                "Bighead settings file " + file + " " + what + "; fix it, or delete it to start from the defaults",
                cause);
    }

    private void write(SortedMap<String, String> values) {
        Path dir = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".config-", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect the token
            }
            Files.write(temp, JSON.writeValueAsBytes(values));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MagicException("cannot save Bighead settings to " + file + ": " + MagicRegistry.describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temp file is hidden and harmless; the error that matters was already thrown
                }
            }
        }
    }

    private static SortedMap<String, Setting> settings(List<Setting> list) {
        SortedMap<String, Setting> out = new TreeMap<>();
        list.forEach(s -> out.put(s.key(), s));
        return Collections.unmodifiableSortedMap(out);
    }
}
