package org.bighead.cli.registry;

import java.util.concurrent.Callable;
import org.bighead.registry.client.Model;
import org.bighead.registry.client.ModelRef;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code registry show MODEL[/V|@ALIAS]}: a model and its versions, or one version in full. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a model with its versions (MODEL) or one version (MODEL/V or MODEL@ALIAS).")
final class ShowCommand implements Callable<Integer> {
    @Mixin
    RegistryOptions options;

    @Parameters(index = "0", paramLabel = "MODEL[/V|@ALIAS]")
    String ref;

    @Override
    public Integer call() throws Exception {
        ModelRef parsed = ModelRef.parse(ref);
        RegistryClient client = options.client();
        if (parsed.version() == null && parsed.alias() == null) {
            Model m = client.model(parsed.model());
            if (!options.printedJson(m)) {
                System.out.println(m.name() + (m.description().isEmpty() ? "" : " — " + m.description()));
                System.out.println("aliases: " + m.aliases());
                Table t = new Table("VERSION", "CREATED", "BY", "ALIASES", "METRICS");
                m.versions().forEach(v -> t.row(v.version(), v.createdAt(), v.createdBy(), v.aliases(), v.metrics()));
                t.print();
            }
            return 0;
        }
        Version v = client.resolve(parsed);
        if (!options.printedJson(v)) {
            Table t = new Table("FIELD", "VALUE");
            t.row("model", v.model())
                    .row("version", v.version())
                    .row("created", v.createdAt() + " by " + v.createdBy())
                    .row("sha256", v.sha256())
                    .row("size", v.sizeBytes() + " bytes")
                    .row("task", v.task())
                    .row("target", v.target())
                    .row("aliases", v.aliases())
                    .row("description", v.description());
            v.metrics().forEach((k, value) -> t.row("metric " + k, value));
            v.params().forEach((k, value) -> t.row("param " + k, value));
            v.tags().forEach((k, value) -> t.row("tag " + k, value));
            if (v.lineage() != null) {
                t.row("notebook", v.lineage().notebook())
                        .row("data", v.lineage().dataFingerprint());
            }
            t.print();
        }
        return 0;
    }
}
