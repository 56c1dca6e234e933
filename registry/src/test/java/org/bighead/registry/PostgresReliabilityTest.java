package org.bighead.registry;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/**
 * The reliability suite on PostgreSQL (row locks instead of SQLite's single writer), when
 * {@code BIGHEAD_TEST_POSTGRES_URL} is set. Each test gets its own schema, dropped afterwards.
 */
class PostgresReliabilityTest extends RegistryReliabilityContract {
    private PostgresTestSchema schema;

    @Override
    RegistryConfig config(Path dir) throws Exception {
        if (schema == null) { // tests that restart the registry keep their schema
            schema = PostgresTestSchema.create("PostgresReliabilityTest");
        }
        return RegistryConfig.local(dir).port(0).database(schema.jdbcUrl(), null, null);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (registry != null) { // closed before its schema goes (the contract's own stop runs after this)
            registry.close();
            registry = null;
        }
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }
}
