package org.bighead.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bighead.registry.client.RegistryClient;

/** A real registry on a free port, with an admin client: the one way tests start a server. */
final class TestRegistry implements AutoCloseable {
    final RegistryConfig config;
    final RegistryApp app;
    final String adminToken;

    private TestRegistry(RegistryConfig config, RegistryApp app) throws IOException {
        this.config = config;
        this.app = app;
        this.adminToken = Files.readString(config.adminTokenFile()).trim();
    }

    /** Starts a registry with {@code config} (its port is ignored: 0 is used). */
    static TestRegistry start(RegistryConfig config) {
        RegistryConfig onFreePort = config.port(0);
        try {
            return new TestRegistry(onFreePort, RegistryApp.start(onFreePort));
        } catch (Exception e) {
            throw new IllegalStateException("registry did not start: " + e.getMessage(), e);
        }
    }

    /** SQLite and local artifacts in {@code dir}. */
    static TestRegistry local(Path dir) {
        return start(RegistryConfig.local(dir).port(0));
    }

    String url() {
        return app.url();
    }

    RegistryClient admin() {
        return new RegistryClient(url(), adminToken);
    }

    RegistryClient anonymous() {
        return new RegistryClient(url(), null);
    }

    RegistryClient withToken(String token) {
        return new RegistryClient(url(), token);
    }

    @Override
    public void close() {
        app.close();
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
