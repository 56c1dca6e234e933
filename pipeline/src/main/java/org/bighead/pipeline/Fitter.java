package org.bighead.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.pipeline.viz.DataProfile;
import tech.tablesaw.api.Table;

/** Fits a pipeline's steps in order on a table, recording schemas and metadata. */
final class Fitter {
    private final Map<String, Step> steps;
    private final String target;

    Fitter(Map<String, Step> steps, String target) {
        this.steps = steps;
        this.target = target;
    }

    FittedPipeline fit(Table table, TrainingListener listener) {
        long start = System.nanoTime();
        if (table.rowCount() == 0) {
            throw new BadInputException(
                    null,
                    BadInputException.Problem.EMPTY_TABLE,
                    "cannot fit on an empty table" + (table.name() == null ? "" : " ('" + table.name() + "')"));
        }
        List<Step> ordered = new ArrayList<>(steps.values());
        Model model = (Model) ordered.get(ordered.size() - 1);
        Target y = Target.forTraining(table, target, model.task());

        Frame raw = Frame.of(table).remove(target);
        Frame frame = raw.rows(allRows(raw.rows()));
        Set<String> produced = new HashSet<>();
        Map<String, Boolean> required = new LinkedHashMap<>(); // raw column -> filled by a stage
        Map<String, FittedStage> fitted = new LinkedHashMap<>();

        List<String> names = new ArrayList<>(steps.keySet());
        for (int i = 0; i < ordered.size() - 1; i++) {
            FittedStage stage = ((Stage) ordered.get(i)).fit(frame);
            if (stage == null) {
                throw new PipelineException("stage '" + names.get(i) + "' returned no fitted stage");
            }
            for (String input : stage.inputs()) {
                if (!produced.contains(input)) {
                    required.merge(input, stage.fillsMissing(input), Boolean::logicalOr);
                }
            }
            frame = Frames.apply(frame, stage);
            stage.outputs().forEach(o -> produced.add(o.name()));
            fitted.put(names.get(i), stage);
        }

        List<String> features = new ArrayList<>();
        for (String column : frame.names()) {
            if (frame.kind(column) == Kind.STRING) {
                throw new PipelineException("column '" + column + "' still holds text when it reaches the model;"
                        + " encode it (OneHot.of(\"" + column + "\"), Ordinal, TextHash) or drop it (Drop.of(\""
                        + column + "\"))");
            }
            features.add(column);
            if (!produced.contains(column)) {
                required.merge(column, false, Boolean::logicalOr);
            }
        }
        if (features.isEmpty()) {
            throw new PipelineException("no feature columns reach the model");
        }
        double[][] columns = features.stream().map(frame::numeric).toArray(double[][]::new);
        TrainingSet set = new TrainingSet(features, columns, y.values(), y.labels(), y.classes(), listener);
        FittedModel trained = model.train(set);
        fitted.put(names.get(names.size() - 1), trained);
        long fitNanos = System.nanoTime() - start;

        Schema input = inputSchema(raw, required);
        Metadata metadata = new Metadata(
                Instant.now().toString(),
                fitNanos / 1_000_000,
                table.rowCount(),
                Metadata.currentLibraryVersions(),
                Fingerprint.of(table),
                DataProfile.of(table),
                trained.featureImportance(),
                new LinkedHashMap<>());
        FittedPipeline result = new FittedPipeline(target, fitted, input, metadata);
        result.evaluate(table, "train");
        return result;
    }

    private static int[] allRows(int n) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) index[i] = i;
        return index;
    }

    private static Schema inputSchema(Frame raw, Map<String, Boolean> required) {
        List<Field> fields = new ArrayList<>();
        for (String column : raw.names()) {
            if (!required.containsKey(column)) {
                continue;
            }
            boolean nullable = required.get(column) || raw.missing(column) > 0;
            List<String> categories = List.of();
            if (raw.kind(column) == Kind.STRING) {
                Set<String> distinct = new LinkedHashSet<>();
                for (String s : raw.strings(column)) {
                    if (s != null) distinct.add(s);
                    if (distinct.size() > 1000) break;
                }
                if (distinct.size() <= 1000) {
                    categories = distinct.stream().sorted().toList();
                }
            }
            fields.add(new Field(column, raw.kind(column), raw.sourceType(column), nullable, categories));
        }
        return new Schema(fields);
    }
}
