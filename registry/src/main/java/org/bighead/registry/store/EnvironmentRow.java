package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A derived environment as the registry keeps it: its name, the environment it derives from, its spec (a JSON object,
 * as the client sent it) and, once built, its image. {@code specHash}, {@code image}, {@code imageDigest},
 * {@code builtAt} and {@code bigheadVersion} are null until an image is recorded.
 */
public record EnvironmentRow(
        String name,
        String from,
        String description,
        JsonNode spec,
        String specHash,
        String image,
        String imageDigest,
        String createdBy,
        String createdAt,
        String builtAt,
        String bigheadVersion) {}
