package org.bighead.magics;

import java.util.Map;
import org.bighead.config.Settings;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;

/**
 * How {@code %bighead} subcommands reach the model registry: {@code BIGHEAD_REGISTRY_URL} and
 * {@code BIGHEAD_REGISTRY_TOKEN} win (as for the CLI), else the settings {@code registry.url} and
 * {@code registry.token}. Registry errors become one-line {@link MagicException}s that say what to change.
 */
final class RegistryAccess {
    private final Map<String, String> env;

    /** Reads the registry's URL and token from {@code env} first, then from the user's settings. */
    RegistryAccess(Map<String, String> env) {
        this.env = env;
    }

    /** A client of the registry the environment or the settings name. */
    RegistryClient client(BigheadConfig config) {
        // the one convention (bighead-config): BIGHEAD_* variable, else the settings file, else the default
        Settings settings = Settings.of(env, config.values());
        return new RegistryClient(
                settings.get("registry.url").map(String::strip).orElse(config.get("registry.url")),
                settings.get("registry.token").map(String::strip).orElse(null));
    }

    /** The token the environment or the settings give, if any. */
    java.util.Optional<String> token(BigheadConfig config) {
        return Settings.of(env, config.values()).get("registry.token").map(String::strip);
    }

    /** A registry error as one line: what went wrong at which registry, and which setting fixes it. */
    static MagicException failure(String doing, RegistryClient client, RegistryException e) {
        String hint = switch (e.status()) {
            case 0 -> " (set BIGHEAD_REGISTRY_URL, or %bighead config registry.url URL)";
            case 401 -> " (set BIGHEAD_REGISTRY_TOKEN, or %bighead config registry.token TOKEN)";
            case 403 -> " (this token may not do that; ask for a token with write scope)";
            default -> "";
        };
        String status = e.status() == 0 ? "" : " [HTTP " + e.status() + "]";
        return new MagicException(doing + " at " + client.url() + " failed" + status + ": " + e.getMessage() + hint, e);
    }
}
