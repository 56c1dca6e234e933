package org.bighead.cli.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bighead.registry.client.RegistryClient;
import picocli.CommandLine.Option;

/** Options every registry subcommand shares: where the registry is, and JSON instead of tables. */
public final class RegistryOptions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--url", paramLabel = "URL",
            description = "Registry URL (default: BIGHEAD_REGISTRY_URL, else " + RegistryClient.DEFAULT_URL + ").")
    String url;

    @Option(names = "--json", description = "Print JSON (for scripts) instead of a table.")
    boolean json;

    /** A client for the chosen registry, with the token from BIGHEAD_REGISTRY_TOKEN. */
    RegistryClient client() {
        RegistryClient fromEnv = RegistryClient.fromEnvironment();
        return url == null ? fromEnv : new RegistryClient(url, System.getenv("BIGHEAD_REGISTRY_TOKEN"));
    }

    /** Prints {@code value} as JSON when --json was given; returns whether it did. */
    boolean printedJson(Object value) throws Exception {
        if (json) {
            System.out.println(JSON.writeValueAsString(value));
        }
        return json;
    }
}
