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
import org.bighead.http.Messages;
import org.bighead.pipeline.BadInputException;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Kind;
import org.bighead.pipeline.Scorer;
import org.bighead.pipeline.Values;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleCode;

/**
 * One model version loaded for serving: the pipeline, a pool of {@link Scorer}s (a scorer reuses its buffer, so a
 * request borrows one for itself), and the input checks {@code --strict} adds. Immutable apart from that pool, so
 * a request that picked this version keeps using it while a newer one is swapped in.
 */
public final class LoadedModel {
    /** How much of a value or category list a --strict message quotes. */
    private static final int MAX_QUOTED = 200;

    private final ResolvedModel resolved;
    private final FittedPipeline pipeline;
    private final ScorerPool<Scorer> scorers;
    private final List<Field> inputs;
    private final Map<String, Field> inputsByName;
    private final Map<String, Set<String>> knownCategories;
    private final boolean strict;
    private final List<String> classes;

    private LoadedModel(ResolvedModel resolved, FittedPipeline pipeline, boolean strict, int maxScorers) {
        this.resolved = resolved;
        this.pipeline = pipeline;
        this.scorers = new ScorerPool<>(maxScorers, pipeline::scorer);
        this.inputs = pipeline.inputSchema().fields();
        this.inputsByName =
                java.util.Collections.unmodifiableMap(pipeline.inputSchema().byName());
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

    /**
     * Loads (verifying the bundle's manifest) and scores one made-up row so the first request is not the slowest.
     * Keeps up to {@code maxScorers} idle scorers: the in-flight limit, since no more score at once.
     */
    public static LoadedModel load(ResolvedModel resolved, boolean strict, int maxScorers) throws IOException {
        FittedPipeline pipeline = Bundle.read(
                new ByteArrayInputStream(resolved.bundle()),
                resolved.name() + " " + resolved.displayVersion() + " (" + resolved.origin() + ")",
                resolved.trusted() ? BundleCode.TRUST : BundleCode.REFUSE);
        LoadedModel model = new LoadedModel(resolved, pipeline, strict, maxScorers);
        model.warm();
        return model;
    }

    /**
     * Scores {@code count} rows; {@code row.apply(i)} gives row i as column name to value. Bad input in any row
     * throws {@link RowException} naming the row and, through its cause, the column.
     */
    public Scores score(int count, IntFunction<Map<String, ?>> row) {
        double[] values = new double[count];
        double[][] probabilities = new double[classes.size()][count];
        Scorer scorer = scorers.take();
        try {
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
        } finally {
            scorers.give(scorer); // score() clears its buffer first, so a scorer left mid-row is fine to reuse
        }
        return new Scores(values, probabilities, classes);
    }

    private void checkStrict(Map<String, ?> row) {
        for (Field f : inputs) {
            if (!row.containsKey(f.name())) {
                throw new BadInputException(
                        f.name(),
                        BadInputException.Problem.MISSING_COLUMN,
                        "missing input column '" + f.name() + "' (--strict wants every input column, null if missing)");
            }
            Object value = row.get(f.name());
            boolean bool = InputTypes.isBoolean(f);
            if (f.kind() == Kind.NUMERIC
                    && value != null
                    && (bool ? !(value instanceof Boolean) : !(value instanceof Number))) {
                // lenient scoring reads "2" as 2 and true as 1 (as the notebook does); --strict wants the column's type
                throw new BadInputException(
                        f.name(),
                        BadInputException.Problem.WRONG_TYPE,
                        "column '" + f.name() + "': expected " + (bool ? "true or false" : "a number") + ", got "
                                + (value instanceof String text
                                        ? "the text '" + Messages.shorten(text, MAX_QUOTED) + "'"
                                        : Messages.shorten(String.valueOf(value), MAX_QUOTED))
                                + " (--strict)");
            }
            if (f.kind() == Kind.STRING && value != null && !(value instanceof String)) {
                // lenient scoring reads 5 as "5" (as the notebook does); --strict wants the type the column has
                throw new BadInputException(
                        f.name(),
                        BadInputException.Problem.WRONG_TYPE,
                        "column '" + f.name() + "': expected text, got "
                                + Messages.shorten(String.valueOf(value), MAX_QUOTED));
            }
            Set<String> known = knownCategories.get(f.name());
            if (known != null) {
                String v = Values.toText(f.name(), value);
                if (v != null && !known.contains(v)) {
                    throw new BadInputException(
                            f.name(),
                            BadInputException.Problem.UNSEEN_CATEGORY,
                            "column '" + f.name() + "': '" + Messages.shorten(v, MAX_QUOTED)
                                    + "' was not seen in training; expected one of "
                                    + Messages.shorten(f.categories().toString(), MAX_QUOTED));
                }
            }
        }
    }

    /** Runs the plan once on a plausible row; a pipeline that rejects it is fine too. */
    private void warm() {
        try {
            pipeline.scorer().score(exampleRow());
        } catch (RuntimeException ignored) {
            // warming is best effort: a real request reports its own errors
        }
    }

    /** A plausible row: 0 for numbers, false for booleans, the first category (or a word) for text. */
    Map<String, Object> exampleRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field f : inputs) {
            row.put(
                    f.name(),
                    InputTypes.isBoolean(f)
                            ? (Object) false
                            : f.kind() == Kind.NUMERIC
                                    ? (Object) 0.0
                                    : f.categories().isEmpty()
                                            ? "text"
                                            : f.categories().get(0));
        }
        return row;
    }

    /** Name, version, checksum and origin. */
    public ResolvedModel resolved() {
        return resolved;
    }

    /** The input columns by name, in schema order. */
    public Map<String, Field> inputs() {
        return inputsByName;
    }

    /** Whether --strict checks apply: unknown columns, unseen categories, left-out columns, wrong types. */
    public boolean strict() {
        return strict;
    }

    /** The loaded pipeline. */
    public FittedPipeline pipeline() {
        return pipeline;
    }

    /** The version label. */
    public String version() {
        return resolved.version();
    }

    /** How many scorers are idle in this version's pool (for tests). */
    int idleScorers() {
        return scorers.idleCount();
    }

    /** The model name in URLs. */
    public String name() {
        return resolved.name();
    }
}
