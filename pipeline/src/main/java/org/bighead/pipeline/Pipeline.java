package org.bighead.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.pipeline.viz.PipelineGraph;
import tech.tablesaw.api.Table;

/**
 * Preprocessing stages and a model, not yet trained:
 * <pre>{@code
 * var pipeline = Pipeline.of(
 *     Impute.median("bedrooms", "bathrooms"),
 *     OneHot.of("room_type", "neighbourhood"),
 *     TextHash.of("amenities", 64),
 *     XGBoost.regressor().rounds(200).maxDepth(6)
 * ).target("price");
 * FittedPipeline model = pipeline.fit(train);
 * }</pre>
 * Immutable: {@link #target} returns a new pipeline.
 */
public final class Pipeline implements Displayable {
    private final Map<String, Step> steps;
    private final String target;

    private Pipeline(Map<String, Step> steps, String target) {
        this.steps = steps;
        this.target = target;
    }

    /** Stages in order, then exactly one model last. */
    public static Pipeline of(Step... steps) {
        if (steps.length == 0 || !(steps[steps.length - 1] instanceof Model)) {
            throw new PipelineException(
                    "a pipeline ends with a model, e.g. Pipeline.of(Impute.median(\"x\")," + " XGBoost.regressor())");
        }
        Map<String, Step> named = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < steps.length; i++) {
            Step step = steps[i];
            if (step == null) {
                throw new PipelineException("pipeline step " + (i + 1) + " is null");
            }
            if (step instanceof Model && i < steps.length - 1) {
                throw new PipelineException(
                        "only the last step may be a model; step " + (i + 1) + " (" + step.name() + ") is one");
            }
            if (!(step instanceof Model) && !(step instanceof Stage)) {
                throw new PipelineException("step " + (i + 1) + " is neither a Stage nor a Model");
            }
            String base = step.name() == null || step.name().isBlank() ? "stage" : step.name();
            int n = seen.merge(base, 1, Integer::sum);
            named.put(n == 1 ? base : base + "-" + n, step);
        }
        return new Pipeline(named, null);
    }

    /** The same pipeline predicting column {@code column}. */
    public Pipeline target(String column) {
        if (column == null || column.isBlank()) {
            throw new PipelineException("target column name must not be blank");
        }
        return new Pipeline(steps, column);
    }

    /** The target column, or null if not set yet. */
    public String target() {
        return target;
    }

    /** Step names (unique) in order. */
    public List<String> stepNames() {
        return List.copyOf(steps.keySet());
    }

    /** The model step. */
    public Model model() {
        return (Model) new ArrayList<>(steps.values()).get(steps.size() - 1);
    }

    /** Trains every stage and the model on {@code train}. */
    public FittedPipeline fit(Table train) {
        return fit(train, TrainingListener.NONE);
    }

    /** Trains, reporting each boosting round or epoch to {@code listener} (a progress bar, a chart). */
    public FittedPipeline fit(Table train, TrainingListener listener) {
        if (target == null) {
            throw new PipelineException("no target column: call .target(\"price\") on the pipeline before fit");
        }
        return new Fitter(steps, target).fit(train, listener == null ? TrainingListener.NONE : listener);
    }

    /** The planned graph: the columns the steps name and their settings (what they learn appears once fitted). */
    public PipelineGraph graph() {
        return PipelineGraphs.planned(steps, target);
    }

    @Override
    public Map<String, Object> mimeBundle() {
        return graph().mimeBundle();
    }

    @Override
    public String toString() {
        return "Pipeline" + stepNames() + (target == null ? "" : " → " + target);
    }
}
