package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A version about to be stored: its bytes are already in the artifact store under {@code sha256}. */
public record NewVersion(
        String sha256,
        long sizeBytes,
        String description,
        String task,
        String target,
        JsonNode inputSchema,
        ObjectNode params,
        ObjectNode metrics,
        ObjectNode tags,
        ObjectNode lineage,
        String graphSvg,
        String createdBy) {}
