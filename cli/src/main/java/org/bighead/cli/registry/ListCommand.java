package org.bighead.cli.registry;

import java.util.List;
import java.util.concurrent.Callable;
import org.bighead.registry.client.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code registry list}: every model. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered models.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    RegistryOptions options;

    @Override
    public Integer call() throws Exception {
        List<Model> models = options.client().models();
        if (!options.printedJson(models)) {
            Table t = new Table("MODEL", "LATEST", "VERSIONS", "TASK", "ALIASES");
            models.forEach(m -> t.row(m.name(), m.latestVersion(), m.versionCount(), m.task(), m.aliases()));
            t.print();
        }
        return 0;
    }
}
