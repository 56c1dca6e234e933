package org.bighead.registry.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Bundle bytes by their SHA-256. Storing by content makes a retried upload harmless (same bytes, same key),
 * and {@link #put} returns only once the bytes are complete and durable, so the version row that follows it
 * never points at nothing.
 */
public interface ArtifactStore extends AutoCloseable {
    /** "local" or "s3", for the health endpoint. */
    String kind();

    /** Stores a verified file under its hash; the file may be moved away (the caller deletes what remains). */
    void put(String sha256, Path file) throws IOException;

    /** The bytes stored under a hash; NoSuchArtifactException when they are missing. */
    InputStream open(String sha256) throws IOException;

    @Override
    default void close() {}

    /** Key of a bundle under a hash: fanned out by its first two hex digits. */
    static String key(String sha256) {
        return sha256.substring(0, 2) + "/" + sha256 + ".bighead";
    }

    /** The bytes a version row names are not in the store. */
    final class NoSuchArtifactException extends IOException {
        private static final long serialVersionUID = 1L;

        /** For the bundle with this hash. */
        public NoSuchArtifactException(String sha256) {
            super("bundle bytes " + sha256 + " are missing from the artifact store");
        }
    }
}
