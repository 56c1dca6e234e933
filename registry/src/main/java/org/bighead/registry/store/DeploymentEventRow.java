package org.bighead.registry.store;

/** One recorded deployment, kept forever: which version ran where, in what status, reported by whom and when. */
public record DeploymentEventRow(String model, int version, String alias, String target, String kind, String status,
                                 String createdBy, String at) {
}
