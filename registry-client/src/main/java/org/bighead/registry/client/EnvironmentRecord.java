package org.bighead.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A derived environment in the registry ({@code bighead env create NAME --from BASE}): who made it, from which
 * environment, its spec (the EnvironmentSpec as JSON: name, description, from, jdk, carries, maven, pip, apt, gpu,
 * labels) and, once built, its image. {@code specHash}, {@code image}, {@code imageDigest}, {@code builtAt} and
 * {@code bigheadVersion} are null until {@link RegistryClient#recordEnvironmentImage} records a build. Times are
 * ISO-8601 UTC instants as the registry writes them.
 */
public record EnvironmentRecord(
        String name,
        String from,
        String description,
        Map<String, Object> spec,
        @JsonProperty("spec_hash") String specHash,
        String image,
        @JsonProperty("image_digest") String imageDigest,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("built_at") String builtAt,
        @JsonProperty("bighead_version") String bigheadVersion) {
    public EnvironmentRecord {
        description = description == null ? "" : description;
        spec = spec == null ? Map.of() : spec;
    }

    /** Whether an image has been recorded for it. */
    public boolean built() {
        return imageDigest != null;
    }
}
