package org.bighead.registry.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The bytes of a bundle as every Bighead command finds them ({@code serve}, {@code batch-score}, {@code evaluate}):
 * a {@code .bighead} file, or {@code MODEL@ALIAS}, {@code MODEL/V}, {@code MODEL} (the latest version) in the
 * registry, downloaded once into a cache folder and checked against the registry's SHA-256 on every use.
 * {@code fromRegistry}: the registry checked the uploader's write token and records who it was, so the code such a
 * bundle may carry (classes written in a notebook) is trusted; a file's only with {@code --trust-code}.
 */
public record ModelBundle(String name, String version, byte[] bytes, String sha256, boolean fromRegistry) {

    /** Reads a file, or resolves a registry reference with {@code client} and downloads into {@code cache}. */
    public static ModelBundle resolve(String ref, RegistryClient client, Path cache) throws IOException {
        Path path = Path.of(ref);
        if (ref.endsWith(".bighead") || Files.exists(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no bundle at " + path);
            }
            byte[] bytes = Files.readAllBytes(path);
            String sha = sha256(bytes);
            String file = path.getFileName().toString();
            String name = file.endsWith(".bighead") ? file.substring(0, file.length() - ".bighead".length()) : file;
            return new ModelBundle(name, sha.substring(0, 12), bytes, sha, false);
        }
        return fetch(client, client.resolve(ModelRef.parse(ref)), cache);
    }

    /** A registered version's bundle, from {@code cache} when it holds it, else downloaded into it. */
    public static ModelBundle fetch(RegistryClient client, Version version, Path cache) throws IOException {
        Path file = cache.resolve(version.model())
                .resolve(version.version() + "-" + version.sha256().substring(0, 12) + ".bighead");
        if (!Files.isRegularFile(file)) {
            client.download(version.model(), version.version(), file);
        }
        byte[] bytes = Files.readAllBytes(file);
        String sha = sha256(bytes);
        if (!sha.equalsIgnoreCase(version.sha256())) {
            Files.deleteIfExists(file); // a damaged cache entry: the next use downloads it again
            throw new IOException("cached bundle " + file + " does not match the registry's SHA-256; removed it");
        }
        return new ModelBundle(version.model(), String.valueOf(version.version()), bytes, sha, true);
    }

    /** The default download cache: {@code $BIGHEAD_HOME/cache/models} (BIGHEAD_HOME defaults to ~/.bighead). */
    public static Path defaultCache() {
        String home = System.getenv("BIGHEAD_HOME");
        Path base =
                home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".bighead") : Path.of(home);
        return base.resolve("cache").resolve("models");
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(RegistryClient.sha256Digest().digest(bytes));
    }
}
