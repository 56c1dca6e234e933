package org.bighead.registry.client;

import java.util.List;
import java.util.Map;

/** One registered version of a model: its bundle's hash and size, what it predicts, metrics, params, lineage. */
public record Version(
        String model,
        int version,
        String createdAt,
        String createdBy,
        String sha256,
        long sizeBytes,
        String description,
        String task,
        String target,
        List<SchemaField> inputSchema,
        Map<String, String> params,
        Map<String, Double> metrics,
        Map<String, String> tags,
        Lineage lineage,
        List<String> aliases) {}
