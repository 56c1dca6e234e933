package org.bighead.registry.store;

/** Where a version runs: one row per model and target, updated when the same target is recorded again. */
public record DeploymentRow(
        String id,
        String model,
        int version,
        String alias,
        String target,
        String kind,
        String status,
        String createdBy,
        String updatedAt) {}
