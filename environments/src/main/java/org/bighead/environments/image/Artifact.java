package org.bighead.environments.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A jar on an environment's class path: where it is on this machine and what it is.
 *
 * @param coordinate {@code groupId:artifactId[:classifier]:version}, or {@code bighead:NAME} for Bighead's own jars
 * @param file the jar on this machine
 * @param sha256 its content's digest
 */
public record Artifact(String coordinate, Path file, String sha256, long size) {
    public Artifact {
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** {@code groupId:artifactId[:classifier]}: the part two versions of one library share. */
    public String key() {
        int last = coordinate.lastIndexOf(':');
        return last < 0 ? coordinate : coordinate.substring(0, last);
    }

    public String version() {
        int last = coordinate.lastIndexOf(':');
        return last < 0 ? "" : coordinate.substring(last + 1);
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
