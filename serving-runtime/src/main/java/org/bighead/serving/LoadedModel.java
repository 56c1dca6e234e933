package org.bighead.serving;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.bighead.pipeline.BadInputException;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Kind;
import org.bighead.pipeline.Scorer;
import org.bighead.pipeline.Values;
import org.bighead.pipeline.bundle.Bundle;

/**
 * One model version loaded for serving: the pipeline, one {@link Scorer} per request thread (a scorer reuses its
 * buffer, so it is never shared), and the input checks {@code --strict} adds. Immutable apart from those scorers,
 * so a request that picked this version keeps using it while a newer one is swapped in.
 */
public final class LoadedModel {
    private final ResolvedModel resolved;
    private final FittedPipeline pipeline;
    private final ThreadLocal<Scorer> scorers;
    private final List<Field> inputs;
    private final Map<String, Set<String>> knownCategories;
    private final boolean strict;
    private final List<String> classes;

    private LoadedModel(ResolvedModel resolved, FittedPipeline pipeline, boolean strict) {
        this.resolved = resolved;
        this.pipeline = pipeline;
        this.scorers = ThreadLocal.withInitial(pipeline::scorer);
        this.inputs = pipeline.inputSchema().fields();
        this.strict = strict;
        this.classes = pipeline.classes();
        Map<String, Set<String>> known = new HashMap<>();
        for (Field f : inputs) {
            if (f.kind() == Kind.STRING && !f.categories().isEmpty()) {
                known.put(f.name(), new HashSet<>(f.categories()));
            }
        }
        this.knownCategories = Map.copyOf(known);
    }

    /** Loads (verifying the bundle's manifest) and scores one made-up row so the first request is not the slowest. */
    public static LoadedModel load(ResolvedModel resolved, boolean strict) throws IOException {
        FittedPipeline pipeline = Bundle.read(new ByteArrayInputStream(resolved.bundle()),
                resolved.name() + " " + resolved.displayVersion() + " (" + resolved.origin() + ")");
        LoadedModel model = new LoadedModel(resolved, pipeline, strict);
        model.warm();
        return model;
    }

    /**
     * Scores {@code count} rows; {@code row.apply(i)} gives row i as column name to value. Bad input in any row
     * throws {@link RowException} naming the row and, through its cause, the column.
     */
    public Scores score(int count, IntFunction<Map<String, ?>> row) {
        Scorer scorer = scorers.get();
        double[] values = new double[count];
        double[][] probabilities = new double[classes.size()][count];
        for (int i = 0; i < count; i++) {
            try {
                Map<String, ?> input = row.apply(i);
                if (strict) {
                    checkStrict(input);
                }
                values[i] = scorer.score(input);
                for (int k = 0; k < probabilities.length; k++) {
                    probabilities[k][i] = scorer.probability(k);
                }
            } catch (BadInputException e) {
                throw new RowException(i, e);
            }
        }
        return new Scores(values, probabilities, classes);
    }

    private void checkStrict(Map<String, ?> row) {
        for (Field f : inputs) {
            if (!row.containsKey(f.name())) {
                throw new BadInputException(f.name(), BadInputException.Problem.MISSING_COLUMN,
                        "missing input column '" + f.name() + "' (--strict wants every input column, null if missing)");
            }
            Set<String> known = knownCategories.get(f.name());
            if (known != null) {
                String v = Values.toText(f.name(), row.get(f.name()));
                if (v != null && !known.contains(v)) {
                    throw new BadInputException(f.name(), BadInputException.Problem.UNSEEN_CATEGORY,
                            "column '" + f.name() + "': '" + abbreviate(v) + "' was not seen in training; expected one of "
                                    + abbreviate(f.categories().toString()));
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    /** Runs the plan once on a plausible row (zeros, first categories); a pipeline that rejects it is fine too. */
    private void warm() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field f : inputs) {
            row.put(f.name(), f.kind() == Kind.NUMERIC ? (Object) 0.0
                    : f.categories().isEmpty() ? "warm up" : f.categories().get(0));
        }
        try {
            pipeline.scorer().score(row);
        } catch (RuntimeException ignored) {
            // warming is best effort: a real request reports its own errors
        }
    }

    /** Name, version, checksum and origin. */
    public ResolvedModel resolved() {
        return resolved;
    }

    /** The loaded pipeline. */
    public FittedPipeline pipeline() {
        return pipeline;
    }

    /** The version label. */
    public String version() {
        return resolved.version();
    }

    /** The model name in URLs. */
    public String name() {
        return resolved.name();
    }
}
