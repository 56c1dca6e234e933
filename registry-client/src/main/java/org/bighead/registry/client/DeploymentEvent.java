package org.bighead.registry.client;

/**
 * One recorded deployment, kept forever: which version ran where, in what status, reported by whom and when; and
 * when the next deployment at the same target ended it ({@code endedAt}, null while it is the latest there), with
 * the version that replaced it ({@code replacedBy}, null when the next one kept the version, e.g. stopped it).
 */
public record DeploymentEvent(
        String model,
        int version,
        String alias,
        String target,
        String kind,
        String status,
        String createdBy,
        String at,
        String endedAt,
        Integer replacedBy) {}
