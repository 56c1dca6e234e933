package org.bighead.registry;

import java.nio.file.Path;

/** The API suite on the default setup: SQLite in DATA/registry.db, bundles in DATA/artifacts. */
class SqliteLocalApiTest extends RegistryApiContract {
    @Override
    RegistryConfig config(Path dir) {
        return RegistryConfig.local(dir).port(0);
    }

    @Override
    String expectedStore() {
        return "sqlite";
    }

    @Override
    String expectedArtifacts() {
        return "local";
    }
}
