package org.bighead.cli.registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.registry.client.Lineage;
import org.bighead.registry.client.Registered;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.Version;
import org.bighead.registry.client.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code registry register MODEL FILE.bighead}: upload a bundle as the model's next version. */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Upload a bundle as the next version of MODEL (created if new); metrics come from the bundle.",
            "A bundle MODEL already has (same SHA-256) is not registered twice: its version is the answer."
        })
final class RegisterCommand implements Callable<Integer> {
    @Mixin
    RegistryOptions options;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "FILE.bighead")
    Path bundle;

    @Option(names = "--alias", description = "Point this alias at the new version.")
    String alias;

    @Option(names = "--tag", paramLabel = "k=v", description = "A tag (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--param", paramLabel = "k=v", description = "A training parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--notebook", paramLabel = "PATH", description = "The notebook it was trained in (lineage).")
    String notebook;

    @Option(names = "--description", description = "What is new in this version.")
    String description;

    @Option(
            names = "--force",
            description = "A new version even when one of MODEL already has these exact bytes"
                    + " (by default that version is the answer and nothing is registered).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        RegistryClient client = options.client();
        VersionInfo info = new VersionInfo(
                params.isEmpty() ? null : params,
                null,
                tags.isEmpty() ? null : tags,
                notebook == null ? null : Lineage.ofNotebook(notebook),
                description);
        Registered registered = client.register(model, bundle, info, force);
        Version v = registered.version();
        if (alias != null) {
            client.setAlias(model, alias, v.version(), "registered with --alias");
            v = client.version(model, v.version());
        }
        if (!options.printedJson(v)) {
            String what = registered.existing()
                    ? "Already registered: " + v.model() + "/" + v.version() + " has these bytes (sha256 "
                    : "Registered " + v.model() + "/" + v.version() + " (sha256 ";
            System.out.println(what + v.sha256().substring(0, 12) + "…, " + v.sizeBytes() + " bytes)"
                    + (alias == null ? "" : "; " + alias + " → " + v.version())
                    + (registered.existing() ? "; --force registers them as a new version" : ""));
        }
        return 0;
    }
}
