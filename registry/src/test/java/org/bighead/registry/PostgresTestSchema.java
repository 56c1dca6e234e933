package org.bighead.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the PostgreSQL database named by {@code BIGHEAD_TEST_POSTGRES_URL} (a full JDBC URL with user
 * and password parameters); the calling test is skipped when it is not set. {@link #close} drops the schema.
 */
final class PostgresTestSchema implements AutoCloseable {
    static final String ENV = "BIGHEAD_TEST_POSTGRES_URL";

    private final String baseUrl;
    private final String schema;

    private PostgresTestSchema(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    /** Creates the schema, or skips the test (named in the message) when the variable is not set. */
    static PostgresTestSchema create(String testName) throws SQLException {
        String baseUrl = System.getenv(ENV);
        assumeTrue(baseUrl != null && !baseUrl.isBlank(), () -> {
            System.out.println(testName + " skipped: set " + ENV + " to run it");
            return ENV + " is not set";
        });
        String schema =
                "bighead_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return new PostgresTestSchema(baseUrl, schema);
    }

    /** The JDBC URL that puts the registry's tables in this schema. */
    String jdbcUrl() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
