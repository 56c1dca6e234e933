package org.bighead.environments.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file of a build context: a file on this machine (a jar) or bytes rendered by Bighead (a launcher script, a
 * kernelspec), at {@code path} in the context, with a Unix mode. Its digest is part of the image's spec hash.
 */
public record ContextFile(String path, Path source, byte[] content, String sha256, long size, int mode) {
    public static final int FILE = 0644;
    public static final int EXECUTABLE = 0755;

    public ContextFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if ((source == null) == (content == null)) {
            throw new IllegalArgumentException(path + ": a context file has a source file or content, not both");
        }
    }

    public static ContextFile of(String path, Artifact artifact) {
        return new ContextFile(path, artifact.file(), null, artifact.sha256(), artifact.size(), FILE);
    }

    public static ContextFile text(String path, String text, int mode) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ContextFile(path, null, bytes, FileDigests.sha256(bytes), bytes.length, mode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContextFile other
                && path.equals(other.path)
                && sha256.equals(other.sha256)
                && mode == other.mode
                && Objects.equals(source, other.source)
                && Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, sha256, mode);
    }

    @Override
    public String toString() {
        return "ContextFile[" + path + ", " + sha256.substring(0, 12) + ", " + Integer.toOctalString(mode) + "]";
    }
}
