package org.bighead.registry;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the registry server needs to start, resolved once from flags and environment (see
 * {@link RegistryServer}); tests build it with {@link #local} and the withers.
 *
 * @param host             interface to listen on (127.0.0.1 unless told otherwise)
 * @param port             TCP port; 0 picks a free one
 * @param dataDir          DATA: registry.db, artifacts/, tmp/, admin.token
 * @param dbUrl            JDBC URL; null means SQLite at DATA/registry.db
 * @param dbUser           database user (PostgreSQL), or null
 * @param dbPassword       database password (PostgreSQL), or null
 * @param artifacts        null for DATA/artifacts, or s3://bucket/prefix
 * @param s3Endpoint       S3-compatible endpoint (path-style), or null for AWS
 * @param s3Region         S3 region, or null for us-east-1
 * @param requireReadToken whether reads need a token too
 * @param maxBundleBytes   largest bundle accepted (413 beyond)
 * @param maxJsonBytes     largest JSON request body accepted (413 beyond)
 */
public record RegistryConfig(String host, int port, Path dataDir, String dbUrl, String dbUser, String dbPassword,
                             String artifacts, String s3Endpoint, String s3Region, boolean requireReadToken,
                             long maxBundleBytes, long maxJsonBytes) {
    /** The default port. */
    public static final int DEFAULT_PORT = 8470;
    /** The default bundle limit: 2 GB. */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 2L << 30;
    /** The default JSON body limit: 1 MB. */
    public static final long DEFAULT_MAX_JSON_BYTES = 1L << 20;

    /** SQLite and local artifacts under {@code dataDir}, on 127.0.0.1:{@code port}. */
    public static RegistryConfig local(Path dataDir, int port) {
        return new RegistryConfig("127.0.0.1", port, dataDir, null, null, null, null, null, null, false,
                DEFAULT_MAX_BUNDLE_BYTES, DEFAULT_MAX_JSON_BYTES);
    }

    /** Flags win over environment variables, which win over defaults; blank values count as unset. */
    public static RegistryConfig resolve(RegistryServer flags, Map<String, String> env) {
        Path data = flags.data != null ? flags.data
                : Path.of(System.getProperty("user.home"), ".bighead", "registry");
        return new RegistryConfig(flags.host, flags.port, data.toAbsolutePath(),
                first(flags.db, env.get("BIGHEAD_REGISTRY_DB_URL")),
                first(flags.dbUser, env.get("BIGHEAD_REGISTRY_DB_USER")),
                first(flags.dbPassword, env.get("BIGHEAD_REGISTRY_DB_PASSWORD")),
                first(flags.artifacts, env.get("BIGHEAD_REGISTRY_ARTIFACTS")),
                first(flags.s3Endpoint, env.get("BIGHEAD_REGISTRY_S3_ENDPOINT")),
                first(flags.s3Region, env.get("AWS_REGION")),
                flags.requireReadToken, flags.maxBundleMb << 20, DEFAULT_MAX_JSON_BYTES);
    }

    private static String first(String flag, String env) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        return env == null || env.isBlank() ? null : env;
    }

    /** The JDBC URL in force: the given one or SQLite in DATA. */
    public String jdbcUrl() {
        return dbUrl != null ? dbUrl : "jdbc:sqlite:" + sqliteFile();
    }

    /** DATA/registry.db. */
    public Path sqliteFile() {
        return dataDir.resolve("registry.db");
    }

    /** DATA/admin.token. */
    public Path adminTokenFile() {
        return dataDir.resolve("admin.token");
    }

    /** DATA/tmp: uploads in progress (emptied at start; same file system as DATA/artifacts). */
    public Path tmpDir() {
        return dataDir.resolve("tmp");
    }

    /** DATA/artifacts. */
    public Path localArtifactsDir() {
        return dataDir.resolve("artifacts");
    }

    /** A copy with another database. */
    public RegistryConfig withDatabase(String url, String user, String password) {
        return new RegistryConfig(host, port, dataDir, url, user, password, artifacts, s3Endpoint, s3Region,
                requireReadToken, maxBundleBytes, maxJsonBytes);
    }

    /** A copy with S3 artifacts at {@code location} (s3://bucket/prefix). */
    public RegistryConfig withS3(String location, String endpoint, String region) {
        return new RegistryConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, location, endpoint, region,
                requireReadToken, maxBundleBytes, maxJsonBytes);
    }

    /** A copy that needs a token for reads too. */
    public RegistryConfig withRequireReadToken(boolean value) {
        return new RegistryConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, artifacts, s3Endpoint, s3Region,
                value, maxBundleBytes, maxJsonBytes);
    }

    /** A copy with another bundle size limit. */
    public RegistryConfig withMaxBundleBytes(long value) {
        return new RegistryConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, artifacts, s3Endpoint, s3Region,
                requireReadToken, value, maxJsonBytes);
    }

    /** A copy with another JSON body size limit. */
    public RegistryConfig withMaxJsonBytes(long value) {
        return new RegistryConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, artifacts, s3Endpoint, s3Region,
                requireReadToken, maxBundleBytes, value);
    }
}
