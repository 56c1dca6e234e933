package org.bighead.environments.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What this machine last built of each environment and flavour ({@code .bighead/images/built.json}): what
 * {@code env list} shows as an environment's image without resolving or hashing anything.
 */
public final class BuiltImages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public BuiltImages(Path file) {
        this.file = file;
    }

    /** The reference last built of {@code environment} in {@code flavor}. */
    public Optional<String> reference(String environment, String flavor) {
        ObjectNode root = read();
        var node = root.path(environment).path(flavor).path("reference");
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    public synchronized void record(String environment, String flavor, ImageBuilder.Result result, String specHash) {
        ObjectNode root = read();
        ObjectNode env = root.has(environment) ? (ObjectNode) root.get(environment) : root.putObject(environment);
        ObjectNode entry = env.putObject(flavor);
        entry.put("reference", result.reference());
        entry.put("image_id", result.imageId());
        entry.put("spec_hash", specHash);
        entry.put("size_bytes", result.sizeBytes());
        entry.put("built_at", Instant.now().toString());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a record for listing only: the image itself is in the engine
        }
    }

    private ObjectNode read() {
        try {
            if (Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode node) {
                return node;
            }
        } catch (IOException e) {
            // unreadable: start over
        }
        return JSON.createObjectNode();
    }
}
