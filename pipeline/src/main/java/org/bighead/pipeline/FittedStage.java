package org.bighead.pipeline;

import java.util.List;
import java.util.Map;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.pipeline.viz.StageCard;

/**
 * A stage with its learned parameters. Saved into a bundle as JSON by Jackson: its properties are its
 * parameters (a record is the easy way), and {@link #type()} names it in the {@link StageTypes} registry. In a
 * notebook it shows itself as a card of its summary, columns and parameters ({@link StageCard}).
 */
public interface FittedStage extends Displayable {
    /** The registry name of this stage type, e.g. "impute". */
    String type();

    /** Columns this stage reads. */
    List<String> inputs();

    /** Columns this stage writes (an input column written back is transformed in place). */
    List<ColumnDef> outputs();

    /** Columns hidden from later stages and the model after this stage (e.g. the text a one-hot encoded). */
    default List<String> removes() {
        return List.of();
    }

    /** Whether this stage fills in missing values of {@code column}, so a row may leave it empty. */
    default boolean fillsMissing(String column) {
        return false;
    }

    /** Resolves column names to slots once; the result transforms rows without allocating. */
    RowTransform compile(Layout layout);

    /** One short line about the learned parameters, for graphs and listings. */
    default String summary() {
        return "";
    }

    /** Binary files saved beside the JSON parameters (model files); read back by the stage's reader. */
    default Map<String, byte[]> files() {
        return Map.of();
    }

    /** A card of its summary, its columns and its fitted parameters, and a line of text. */
    @Override
    default Map<String, Object> mimeBundle() {
        return StageCard.mimeBundle(this);
    }
}
