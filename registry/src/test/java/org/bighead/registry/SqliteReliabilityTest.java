package org.bighead.registry;

import java.nio.file.Path;

/** The reliability suite on the default setup: SQLite and a local artifacts folder. */
class SqliteReliabilityTest extends RegistryReliabilityContract {
    @Override
    RegistryConfig config(Path dir) {
        return RegistryConfig.local(dir).port(0);
    }
}
