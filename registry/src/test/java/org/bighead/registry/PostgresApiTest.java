package org.bighead.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/**
 * The API suite on PostgreSQL, when {@code BIGHEAD_TEST_POSTGRES_URL} names a database (a full JDBC URL with
 * user and password parameters). Each run gets its own schema, dropped afterwards.
 */
class PostgresApiTest extends RegistryApiContract {
    static final String ENV = "BIGHEAD_TEST_POSTGRES_URL";
    private String baseUrl;
    private String schema;

    @Override
    RegistryConfig config(Path dir) throws Exception {
        baseUrl = System.getenv(ENV);
        assumeTrue(baseUrl != null && !baseUrl.isBlank(),
                () -> { System.out.println("PostgresApiTest skipped: set " + ENV + " to run it"); return ENV + " is not set"; });
        schema = "bighead_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return RegistryConfig.local(dir, 0).withDatabase(url, null, null);
    }

    @AfterAll
    void dropSchema() throws Exception {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
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
