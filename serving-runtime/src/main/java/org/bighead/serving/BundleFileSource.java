package org.bighead.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import org.bighead.pipeline.bundle.Bundle;

/**
 * A {@code .bighead} file on disk. The model name is the file name without its extension and the version the first
 * 12 hex digits of the content's SHA-256, so the same bytes always carry the same version. Polling notices an
 * atomic replace (new inode, time or size) and then compares content hashes: touching the file swaps nothing.
 */
public final class BundleFileSource implements ModelSource {
    private final Path path;
    private final String name;
    private final boolean trustCode;
    private volatile Object lastSeen; // file identity, modification time and size at the last read

    /** A file whose carried code, if any, is refused. */
    public BundleFileSource(Path path) {
        this(path, false);
    }

    /** A file; {@code trustCode} loads the code it may carry ({@code --trust-code}). */
    public BundleFileSource(Path path, boolean trustCode) {
        this.path = path;
        this.trustCode = trustCode;
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        this.name = dot > 0 ? file.substring(0, dot) : file;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ResolvedModel resolve() throws IOException {
        Object seen = stamp();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path + " (no bundle there)");
        }
        lastSeen = seen;
        String sha = Bundle.sha256(bytes);
        return new ResolvedModel(name, sha.substring(0, 12), bytes, sha, path.toString(), trustCode);
    }

    @Override
    public Optional<ResolvedModel> poll(ResolvedModel current) throws IOException {
        if (Objects.equals(stamp(), lastSeen)) {
            return Optional.empty();
        }
        ResolvedModel now = resolve();
        return now.sha256().equals(current.sha256()) ? Optional.empty() : Optional.of(now);
    }

    private Object stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return java.util.List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
    }
}
