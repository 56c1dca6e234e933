package org.bighead.cli.registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.registry.client.Lineage;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.Version;
import org.bighead.registry.client.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code registry register MODEL FILE.bighead}: upload a bundle as the model's next version. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Upload a bundle as the next version of MODEL (created if new); metrics come from the bundle.")
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

    @Override
    public Integer call() throws Exception {
        RegistryClient client = options.client();
        VersionInfo info = new VersionInfo(params.isEmpty() ? null : params, null, tags.isEmpty() ? null : tags,
                notebook == null ? null : new Lineage(notebook, null, null, null, null, null), description);
        Version v = client.register(model, bundle, info);
        if (alias != null) {
            client.setAlias(model, alias, v.version(), "registered with --alias");
            v = client.version(model, v.version());
        }
        if (!options.printedJson(v)) {
            System.out.println("Registered " + v.model() + "/" + v.version() + " (sha256 " + v.sha256().substring(0, 12)
                    + "…, " + v.sizeBytes() + " bytes)" + (alias == null ? "" : "; " + alias + " → " + v.version()));
        }
        return 0;
    }
}
