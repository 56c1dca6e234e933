package org.bighead.pipeline.bundle;

import java.util.List;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.RowTransform;

/**
 * A stage whose code a bundle carries, read without loading it ({@link BundleCode#DESCRIBE}): its recorded shape,
 * so the pipeline can be described and drawn; scoring through it is refused.
 */
record CarriedStage(
        String type,
        List<String> inputs,
        List<ColumnDef> outputs,
        List<String> removes,
        List<String> fills,
        String summary)
        implements FittedStage {

    @Override
    public boolean fillsMissing(String column) {
        return fills.contains(column);
    }

    @Override
    public RowTransform compile(Layout layout) {
        throw new PipelineException("stage type '" + type + "' is code the bundle carries, read without loading it;"
                + " load the bundle trusting its code to score");
    }
}
