package org.bighead.registry.store;

/**
 * One recorded deployment, kept forever: which version ran where, in what status, reported by whom and when; and
 * when the next deployment at the same target ended it ({@code endedAt}, null while it is the latest there), with
 * the version that replaced it ({@code replacedBy}, null when the next one kept the version, e.g. stopped it).
 */
public record DeploymentEventRow(
        String model,
        int version,
        String alias,
        String target,
        String kind,
        String status,
        String createdBy,
        String at,
        String endedAt,
        Integer replacedBy) {
    /** This event, ended by {@code next} at the same target. */
    DeploymentEventRow endedBy(DeploymentEventRow next) {
        return new DeploymentEventRow(
                model,
                version,
                alias,
                target,
                kind,
                status,
                createdBy,
                at,
                next.at(),
                next.version() == version ? null : next.version());
    }
}
