package org.bighead.registry.client;

/** Where a version runs: one row per model and target, updated when the same target is recorded again. */
public record Deployment(
        String id,
        String model,
        int version,
        String alias,
        String target,
        String kind,
        String status,
        String createdBy,
        String updatedAt) {}
