package org.bighead.cli.registry;

import java.util.List;
import java.util.concurrent.Callable;
import org.bighead.registry.client.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code registry compare MODEL V1 V2…}: metrics and params side by side. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Metrics and params of versions side by side.")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    RegistryOptions options;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1..*", arity = "2..*", paramLabel = "VERSION")
    List<Integer> versions;

    @Override
    public Integer call() throws Exception {
        Comparison c = options.client()
                .compare(model, versions.stream().mapToInt(Integer::intValue).toArray());
        if (!options.printedJson(c)) {
            String[] header = new String[c.versions().size() + 1];
            header[0] = "";
            for (int i = 0; i < c.versions().size(); i++) {
                header[i + 1] = "v" + c.versions().get(i);
            }
            Table t = new Table(header);
            c.metrics().forEach((name, byVersion) -> t.row(cells(name, byVersion, c.versions())));
            c.params().forEach((name, byVersion) -> t.row(cells("param " + name, byVersion, c.versions())));
            t.print();
        }
        return 0;
    }

    private static Object[] cells(String name, java.util.Map<String, ?> byVersion, List<Integer> versions) {
        Object[] row = new Object[versions.size() + 1];
        row[0] = name;
        for (int i = 0; i < versions.size(); i++) {
            row[i + 1] = byVersion.get(Integer.toString(versions.get(i)));
        }
        return row;
    }
}
