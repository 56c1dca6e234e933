package org.bighead.registry.client;

import java.util.List;
import java.util.Map;

/** A registered model: its latest version, its aliases and (from {@code model(name)}) its versions, newest first. */
public record Model(
        String name,
        String description,
        String createdAt,
        Integer latestVersion,
        int versionCount,
        Map<String, Integer> aliases,
        String task,
        List<VersionSummary> versions) {
    public Model {
        aliases = aliases == null ? Map.of() : aliases;
        versions = versions == null ? List.of() : versions;
    }
}
