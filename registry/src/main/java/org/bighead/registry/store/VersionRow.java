package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A version as stored. The JSON documents (input schema, params, metrics, tags, lineage) are kept whole, as the
 * caller and the bundle gave them; {@code aliases} are the aliases pointing at it now, by name.
 */
public record VersionRow(
        String model,
        int version,
        String createdAt,
        String createdBy,
        String sha256,
        long sizeBytes,
        String description,
        String task,
        String target,
        JsonNode inputSchema,
        JsonNode params,
        JsonNode metrics,
        JsonNode tags,
        JsonNode lineage,
        List<String> aliases) {}
