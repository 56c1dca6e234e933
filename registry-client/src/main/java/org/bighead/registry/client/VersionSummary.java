package org.bighead.registry.client;

import java.util.List;
import java.util.Map;

/** One line of a model's version list. */
public record VersionSummary(
        int version,
        String createdAt,
        String createdBy,
        String sha256,
        Map<String, Double> metrics,
        List<String> aliases) {}
