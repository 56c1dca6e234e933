package org.bighead.registry.client;

import java.util.List;
import java.util.Map;

/** Where a version came from: notebook and cells, environment image, training data, library versions, who. */
public record Lineage(
        String notebook,
        List<String> cells,
        String environmentImage,
        String dataFingerprint,
        Map<String, String> libraryVersions,
        String user) {}
