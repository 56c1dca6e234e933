package org.bighead.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.registry.client.ModelRef;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.Version;

/**
 * The bytes of the bundle a batch run scores with, as {@code ./bighead serve} finds them: a {@code .bighead} file,
 * or {@code MODEL@ALIAS}, {@code MODEL/V}, {@code MODEL} (the latest version) in the registry.
 */
record ModelBundle(String name, String version, byte[] bytes, String sha256) {

    /** Reads a file, or resolves a registry reference with {@code client} and downloads into {@code cache}. */
    static ModelBundle resolve(String ref, RegistryClient client, Path cache) throws IOException {
        Path path = Path.of(ref);
        if (ref.endsWith(".bighead") || Files.exists(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no bundle at " + path);
            }
            byte[] bytes = Files.readAllBytes(path);
            String sha = Bundle.sha256(bytes);
            String file = path.getFileName().toString();
            String name = file.endsWith(".bighead") ? file.substring(0, file.length() - ".bighead".length()) : file;
            return new ModelBundle(name, sha.substring(0, 12), bytes, sha);
        }
        ModelRef parsed = ModelRef.parse(ref);
        Version version = client.resolve(parsed);
        Path file = cache.resolve(version.model())
                .resolve(version.version() + "-" + version.sha256().substring(0, 12) + ".bighead");
        if (!Files.isRegularFile(file)) {
            client.download(version.model(), version.version(), file);
        }
        byte[] bytes = Files.readAllBytes(file);
        String sha = Bundle.sha256(bytes);
        if (!sha.equalsIgnoreCase(version.sha256())) {
            Files.deleteIfExists(file); // a damaged cache entry: the next run downloads it again
            throw new IOException("cached bundle " + file + " does not match the registry's SHA-256; removed it");
        }
        return new ModelBundle(version.model(), String.valueOf(version.version()), bytes, sha);
    }

    /** The default download cache, the serving runtime's: {@code $BIGHEAD_HOME/cache/models}. */
    static Path defaultCache() {
        String home = System.getenv("BIGHEAD_HOME");
        Path base =
                home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".bighead") : Path.of(home);
        return base.resolve("cache").resolve("models");
    }
}
