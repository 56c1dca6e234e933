package org.bighead.registry;

import java.nio.file.Path;

/**
 * The API suite on PostgreSQL, when {@code BIGHEAD_TEST_POSTGRES_URL} names a database (a full JDBC URL with
 * user and password parameters). Each run gets its own schema, dropped afterwards.
 */
class PostgresApiTest extends RegistryApiContract {
    private PostgresTestSchema schema;

    @Override
    RegistryConfig config(Path dir) throws Exception {
        schema = PostgresTestSchema.create("PostgresApiTest");
        return RegistryConfig.local(dir).port(0).database(schema.jdbcUrl(), null, null);
    }

    @Override
    void afterRegistryStopped() throws Exception { // not an @AfterAll of its own: JUnit runs those before the base's
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    String expectedStore() {
        return "postgresql";
    }

    @Override
    String expectedArtifacts() {
        return "local";
    }
}
