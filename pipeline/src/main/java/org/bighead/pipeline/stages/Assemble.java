package org.bighead.pipeline.stages;

import java.util.List;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Kind;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StepPlan;

/**
 * Feature assembly: names exactly the columns the model gets, in that order, e.g.
 * {@code Assemble.features("bedrooms", "room_type=*", "amenities#*")} as the step before the model. Everything
 * else is hidden. Unlike {@link Select} it insists that every kept column is numeric, which is what a model takes.
 */
public final class Assemble implements Stage {
    private final Select select;
    private final List<String> patterns;

    private Assemble(List<String> patterns) {
        this.patterns = patterns;
        this.select = Select.of(patterns);
    }

    /** The model's feature columns; patterns ending in {@code *} take a family of columns. */
    public static Assemble features(String... columns) {
        return new Assemble(Columns.of("Assemble", columns));
    }

    @Override
    public String name() {
        return "assemble";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.keeps(
                patterns, patterns.size() + (patterns.size() == 1 ? " feature column" : " feature columns"));
    }

    @Override
    public Select.Fitted fit(Frame data) {
        Select.Fitted fitted = select.fit(data);
        for (String column : fitted.kept()) {
            if (data.kind(column) != Kind.NUMERIC) {
                throw new PipelineException("Assemble: column '" + column + "' holds text; encode it before"
                        + " assembling features (OneHot, Ordinal, TextHash)");
            }
        }
        return fitted;
    }

    @Override
    public String toString() {
        return "Assemble.features" + patterns;
    }
}
