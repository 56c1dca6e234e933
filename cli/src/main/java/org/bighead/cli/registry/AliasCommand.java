package org.bighead.cli.registry;

import java.util.concurrent.Callable;
import org.bighead.registry.client.AliasMove;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code registry alias MODEL ALIAS VERSION [--reason R]} or {@code --delete}: move or remove an alias. */
@Command(
        name = "alias",
        mixinStandardHelpOptions = true,
        description = "Point ALIAS of MODEL at VERSION (recorded with who and why), or remove it with --delete.")
final class AliasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RegistryOptions options;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;

    @Parameters(index = "2", paramLabel = "VERSION", arity = "0..1")
    Integer version;

    @Option(names = "--reason", description = "Why (kept in the alias history).")
    String reason;

    @Option(names = "--delete", description = "Remove the alias instead.")
    boolean delete;

    @Override
    public Integer call() throws Exception {
        if (delete == (version != null)) {
            throw new ParameterException(spec.commandLine(), "give either VERSION or --delete");
        }
        AliasMove move = delete
                ? options.client().deleteAlias(model, alias)
                : options.client().setAlias(model, alias, version, reason);
        if (!options.printedJson(move)) {
            System.out.println(model + "@" + alias + ": " + (move.fromVersion() == null ? "-" : move.fromVersion())
                    + " → " + (move.toVersion() == null ? "(deleted)" : move.toVersion()));
        }
        return 0;
    }
}
