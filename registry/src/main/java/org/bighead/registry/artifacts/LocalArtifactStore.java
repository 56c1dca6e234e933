package org.bighead.registry.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Bundles in a local folder (default DATA/artifacts), placed by fsync + atomic rename. */
public final class LocalArtifactStore implements ArtifactStore {
    private final Path root;

    /** Bundles under {@code root}, created if missing. */
    public LocalArtifactStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    @Override
    public String kind() {
        return "local";
    }

    /** The folder holding the bundles. */
    public Path root() {
        return root;
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        Path target = root.resolve(ArtifactStore.key(sha256));
        if (Files.exists(target)) {
            return; // same hash, same bytes: a retried or repeated upload
        }
        Files.createDirectories(target.getParent());
        force(file, false);
        // the upload's temp file lives on the same file system (DATA/tmp), so this is a rename
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        force(target.getParent(), true);
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        try {
            return Files.newInputStream(root.resolve(ArtifactStore.key(sha256)));
        } catch (NoSuchFileException e) {
            throw new NoSuchArtifactException(sha256);
        }
    }

    private static void force(Path path, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // some file systems cannot open a folder for fsync; the rename is still atomic
        }
    }
}
