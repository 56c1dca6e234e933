package org.bighead.registry.client;

import java.util.List;
import java.util.Map;

/**
 * Where a version came from: notebook and cells, environment image, training data, library versions, who; the
 * expression that {@code %bighead register} saved ({@code model}: what a retrain job registers after re-running the
 * cells) and, for a version a job registered, that job's run ({@code jobRun}: {@code JOB@LOGICAL_TIME}).
 */
public record Lineage(
        String notebook,
        List<String> cells,
        String environmentImage,
        String dataFingerprint,
        Map<String, String> libraryVersions,
        String user,
        String model,
        String jobRun) {

    /** Only the notebook a version came from. */
    public static Lineage ofNotebook(String notebook) {
        return new Lineage(notebook, null, null, null, null, null, null, null);
    }
}
