package org.bighead.cli.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.registry.client.AliasMove;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code registry history MODEL [--alias A] [--at INSTANT]}: alias moves, or where an alias pointed then. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Alias moves of MODEL, oldest first; with --alias A --at INSTANT, the version A pointed at then.")
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    RegistryOptions options;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Option(names = "--alias", description = "Only this alias.")
    String alias;

    @Option(names = "--at", paramLabel = "INSTANT", description = "e.g. 2026-11-27T14:00:00Z.")
    Instant at;

    @Override
    public Integer call() throws Exception {
        if (at != null && alias != null) {
            int version = options.client().aliasAt(model, alias, at);
            if (!options.printedJson(Map.of("model", model, "alias", alias, "at", at.toString(), "version", version))) {
                System.out.println(model + "@" + alias + " at " + at + ": version " + version);
            }
            return 0;
        }
        List<AliasMove> moves = options.client().aliasHistory(model, alias).stream()
                .filter(m -> at == null || Instant.parse(m.at()).compareTo(at) <= 0)
                .toList();
        if (!options.printedJson(moves)) {
            Table t = new Table("AT", "ALIAS", "FROM", "TO", "BY", "REASON");
            moves.forEach(m -> t.row(m.at(), m.alias(), m.fromVersion(), m.toVersion(), m.movedBy(), m.reason()));
            t.print();
        }
        return 0;
    }
}
