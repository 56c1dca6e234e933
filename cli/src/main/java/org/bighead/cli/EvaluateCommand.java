package org.bighead.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.cli.registry.RegistryOptions;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Metrics;
import org.bighead.pipeline.Task;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleCode;
import org.bighead.pipeline.bundle.Json;
import org.bighead.registry.client.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * {@code bighead evaluate REF --input FILE.csv}: a model's metrics on labelled rows, computed as the notebook
 * computes them ({@link FittedPipeline#evaluate}). The CSV's columns are read with the types the model was trained
 * on, so a column of zip codes stays text.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "A model's metrics on labelled data: the model's input columns and its target column, CSV with a header."
                    + " REF is a .bighead file, or MODEL@ALIAS, MODEL/V or MODEL in the registry.",
            "",
            "Examples:",
            "  ./bighead evaluate listing-price@champion --input listings-2026-12-06.csv",
            "  ./bighead evaluate models/listing-price.bighead --input new.csv --json"
        })
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "MODEL@ALIAS, MODEL/V, MODEL or a .bighead file.")
    String ref;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Labelled rows (CSV).")
    Path input;

    @Mixin
    RegistryOptions registry;

    @Option(
            names = "--trust-code",
            description = "Load the code a bundle file carries (classes written in a notebook); registry versions are"
                    + " trusted.")
    boolean trustCode;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(input) || Files.isDirectory(input)) {
            throw new IllegalArgumentException("cannot read --input " + input + ": evaluate reads one CSV file");
        }
        if (!input.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new IllegalArgumentException(
                    "--input " + input + " is not a .csv file: evaluate reads CSV with a header");
        }
        ModelBundle bundle = ModelBundle.resolve(ref, registry.client(), ModelBundle.defaultCache());
        FittedPipeline model = Bundle.read(
                new ByteArrayInputStream(bundle.bytes()),
                ref,
                bundle.fromRegistry() || trustCode ? BundleCode.TRUST : BundleCode.REFUSE);
        Table rows = read(model, input);
        Metrics metrics = model.evaluate(rows, "evaluate");
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model", bundle.name());
        out.put("version", bundle.version());
        out.put("input", input.toString());
        out.put("rows", rows.rowCount());
        ObjectNode values = out.putObject("metrics");
        metrics.values().forEach(values::put);
        if (!registry.printedJson(out)) {
            String which = bundle.version().matches("[0-9]+")
                    ? bundle.name() + " v" + bundle.version()
                    : bundle.name() + " (" + bundle.version() + ")";
            System.out.printf("%s on %,d rows of %s%n", which, rows.rowCount(), input);
            metrics.values().forEach((name, value) -> System.out.printf("  %-10s %.6g%n", name, value));
        }
        return 0;
    }

    /** The CSV with the model's column types: its input schema's source types, and its target's by task. */
    static Table read(FittedPipeline model, Path csv) {
        Map<String, ColumnType> types = new HashMap<>();
        for (Field f : model.inputSchema().fields()) {
            types.put(f.name(), type(f.sourceType()));
        }
        if (model.target() != null) {
            types.put(model.target(), model.task() == Task.REGRESSION ? ColumnType.DOUBLE : ColumnType.STRING);
        }
        CsvReadOptions options = CsvReadOptions.builder(csv.toFile())
                .columnTypes(name -> types.getOrDefault(name, ColumnType.STRING))
                .missingValueIndicator("")
                .build();
        Table table = Table.read().csv(options);
        if (model.target() != null && !table.columnNames().contains(model.target())) {
            throw new IllegalArgumentException(
                    csv + " has no column '" + model.target() + "', the model's target: evaluate needs labelled rows");
        }
        return table;
    }

    private static ColumnType type(String sourceType) {
        try {
            return sourceType == null ? ColumnType.STRING : ColumnType.valueOf(sourceType);
        } catch (IllegalArgumentException unknown) {
            return ColumnType.STRING;
        }
    }
}
