package org.bighead.cli.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bighead.config.Setting;
import org.bighead.config.Settings;
import org.bighead.registry.client.RegistryClient;
import picocli.CommandLine.Option;

/** Options every registry subcommand shares: where the registry is, the token, and JSON instead of tables. */
public final class RegistryOptions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(
            names = "--url",
            paramLabel = "URL",
            defaultValue = RegistryClient.DEFAULT_URL,
            description = "Registry URL (default ${DEFAULT-VALUE}).")
    @Setting("registry.url") // one key for every command that talks to the registry (jobs, evaluate too)
    String url;

    @Option(names = "--json", description = "Print JSON (for scripts) instead of a table.")
    boolean json;

    /** Whether --json was given. */
    public boolean json() {
        return json;
    }

    /** A client for the chosen registry, with the token from BIGHEAD_REGISTRY_TOKEN or the config file. */
    public RegistryClient client() {
        // a token is a secret: it comes from the environment or the (owner-only) config file, never from argv
        return new RegistryClient(url, Settings.load().get("registry.token").orElse(null));
    }

    /** Prints {@code value} as JSON when --json was given; returns whether it did. */
    public boolean printedJson(Object value) throws Exception {
        if (json) {
            System.out.println(JSON.writeValueAsString(value));
        }
        return json;
    }
}
