package org.bighead.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bighead.registry.jobs.Scheduler;

/**
 * Everything the registry server needs to start, as named settings: start from {@link #local} and change what
 * differs, e.g. {@code RegistryConfig.local(dir).port(0).requireReadToken(true)}. Immutable: every setting returns
 * a changed copy. {@link RegistryServer} resolves it from flags and environment.
 */
public final class RegistryConfig {
    /** The default port. */
    public static final int DEFAULT_PORT = 8470;
    /** The default bundle limit: 2 GB. */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 2L << 30;
    /** The default JSON body limit: 1 MB. */
    public static final long DEFAULT_MAX_JSON_BYTES = 1L << 20;
    /** Job runs at once by default (0 turns the embedded scheduler off). */
    public static final int DEFAULT_JOB_WORKERS = 2;

    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private final Path dataDir;
    private String dbUrl;
    private String dbUser;
    private String dbPassword;
    private String artifacts;
    private String s3Endpoint;
    private String s3Region;
    private boolean requireReadToken;
    private long maxBundleBytes = DEFAULT_MAX_BUNDLE_BYTES;
    private long maxJsonBytes = DEFAULT_MAX_JSON_BYTES;
    private int jobWorkers = DEFAULT_JOB_WORKERS;
    private Duration jobLease = Scheduler.DEFAULT_LEASE;
    private Duration deploymentCheck = Duration.ofSeconds(30);
    private List<String> launcher = List.of("bighead");
    private JobsCompute jobsCompute = JobsCompute.LOCAL;

    /**
     * Where job runs that need an environment image go (README "Jobs"): {@code backend} {@code local} (none: such
     * runs are refused; everything else runs as a child process here), {@code docker} or {@code ec2} through the
     * compute service at {@code url} with {@code token}, or the registry's own service when {@code url} is null;
     * {@code instanceType} when a job names none; {@code registryUrl} is this registry as workloads reach it (null:
     * its own URL, right for local Docker on the host's network).
     */
    public record JobsCompute(String backend, String url, String token, String instanceType, String registryUrl) {
        /** The back ends {@code jobs.compute} may name. */
        public static final List<String> BACKENDS = List.of("local", "docker", "ec2");

        /** The default: no compute back end. */
        public static final JobsCompute LOCAL = new JobsCompute("local", null, null, "t3.medium", null);

        public JobsCompute {
            if (!BACKENDS.contains(backend)) {
                throw new IllegalArgumentException("jobs.compute (BIGHEAD_JOBS_COMPUTE) is '" + backend + "'; valid: "
                        + String.join(", ", BACKENDS));
            }
        }
    }

    private RegistryConfig(Path dataDir) {
        this.dataDir = dataDir;
    }

    private RegistryConfig copy() {
        RegistryConfig c = new RegistryConfig(dataDir);
        c.host = host;
        c.port = port;
        c.dbUrl = dbUrl;
        c.dbUser = dbUser;
        c.dbPassword = dbPassword;
        c.artifacts = artifacts;
        c.s3Endpoint = s3Endpoint;
        c.s3Region = s3Region;
        c.requireReadToken = requireReadToken;
        c.maxBundleBytes = maxBundleBytes;
        c.maxJsonBytes = maxJsonBytes;
        c.jobWorkers = jobWorkers;
        c.jobLease = jobLease;
        c.deploymentCheck = deploymentCheck;
        c.launcher = launcher;
        c.jobsCompute = jobsCompute;
        return c;
    }

    /** SQLite and local artifacts under {@code dataDir}, on 127.0.0.1:8470, reads open, default limits. */
    public static RegistryConfig local(Path dataDir) {
        return new RegistryConfig(dataDir);
    }

    /**
     * The settings {@code flags} resolved (flag, else {@code BIGHEAD_REGISTRY_*}, else ~/.bighead/config.json, else
     * the default: bighead-config does that while parsing); the S3 region falls back to the AWS SDK's own
     * {@code AWS_REGION} in {@code env}. Blank values count as unset.
     */
    public static RegistryConfig resolve(RegistryServer flags, Map<String, String> env) {
        if (flags.jobLeaseSeconds < 1) {
            throw new IllegalArgumentException("--job-lease-seconds must be at least 1, not " + flags.jobLeaseSeconds);
        }
        if (flags.deploymentCheckSeconds < 0) {
            throw new IllegalArgumentException(
                    "--deployment-check-seconds must be 0 (off) or more, not " + flags.deploymentCheckSeconds);
        }
        Path data = flags.data != null ? flags.data : Path.of(System.getProperty("user.home"), ".bighead", "registry");
        return local(data.toAbsolutePath())
                .host(flags.host)
                .port(flags.port)
                .database(first(flags.db, null), first(flags.dbUser, null), first(flags.dbPassword, null))
                .s3(
                        first(flags.artifacts, null),
                        first(flags.s3Endpoint, null),
                        first(flags.s3Region, env.get("AWS_REGION")))
                .requireReadToken(flags.requireReadToken)
                .maxBundleBytes(flags.maxBundleMb << 20)
                .jobWorkers(flags.jobWorkers)
                .jobLease(Duration.ofSeconds(flags.jobLeaseSeconds))
                .deploymentCheck(Duration.ofSeconds(flags.deploymentCheckSeconds))
                .jobsCompute(new JobsCompute(
                        first(flags.jobsCompute, "local"),
                        first(flags.jobsComputeUrl, null),
                        first(env.get("BIGHEAD_JOBS_COMPUTE_TOKEN"), null),
                        first(flags.jobsInstanceType, JobsCompute.LOCAL.instanceType()),
                        first(flags.jobsRegistryUrl, null)))
                .launcher(List.of(Path.of(first(env.get("BIGHEAD_ROOT"), "."))
                        .resolve("bighead")
                        .toAbsolutePath()
                        .toString()));
    }

    private static String first(String flag, String env) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        return env == null || env.isBlank() ? null : env;
    }

    /** Listening on another interface. */
    public RegistryConfig host(String value) {
        RegistryConfig c = copy();
        c.host = value;
        return c;
    }

    /** Listening on another TCP port; 0 picks a free one. */
    public RegistryConfig port(int value) {
        RegistryConfig c = copy();
        c.port = value;
        return c;
    }

    /** Another database: a JDBC URL (null: SQLite at DATA/registry.db), its user and password (or null). */
    public RegistryConfig database(String url, String user, String password) {
        RegistryConfig c = copy();
        c.dbUrl = url;
        c.dbUser = user;
        c.dbPassword = password;
        return c;
    }

    /** Bundles in S3 at {@code location} (s3://bucket/prefix; null: DATA/artifacts), endpoint and region or null. */
    public RegistryConfig s3(String location, String endpoint, String region) {
        RegistryConfig c = copy();
        c.artifacts = location;
        c.s3Endpoint = endpoint;
        c.s3Region = region;
        return c;
    }

    /** Whether reads need a token too. */
    public RegistryConfig requireReadToken(boolean value) {
        RegistryConfig c = copy();
        c.requireReadToken = value;
        return c;
    }

    /** The largest bundle accepted (413 beyond). */
    public RegistryConfig maxBundleBytes(long value) {
        RegistryConfig c = copy();
        c.maxBundleBytes = value;
        return c;
    }

    /** The largest JSON request body accepted (413 beyond). */
    public RegistryConfig maxJsonBytes(long value) {
        RegistryConfig c = copy();
        c.maxJsonBytes = value;
        return c;
    }

    /** Job runs at once; 0 turns the embedded scheduler off. */
    public RegistryConfig jobWorkers(int value) {
        RegistryConfig c = copy();
        c.jobWorkers = value;
        return c;
    }

    /**
     * How long a scheduler sharing the database may go without a heartbeat before this one takes its running runs
     * as interrupted and retries them (it beats every sixth of it).
     */
    public RegistryConfig jobLease(Duration value) {
        RegistryConfig c = copy();
        c.jobLease = value;
        return c;
    }

    /**
     * How often serving deployments on this machine's loopback are probed; one that refuses connections is marked
     * lost (its kernel, hub server or lab ended). Zero turns the check off.
     */
    public RegistryConfig deploymentCheck(Duration value) {
        RegistryConfig c = copy();
        c.deploymentCheck = value;
        return c;
    }

    /** See {@link #deploymentCheck(Duration)}. */
    public Duration deploymentCheck() {
        return deploymentCheck;
    }

    /** The command (and leading arguments) that runs {@code bighead batch-score …} for jobs. */
    public RegistryConfig launcher(List<String> value) {
        RegistryConfig c = copy();
        c.launcher = List.copyOf(value);
        return c;
    }

    /** Where job runs that need an environment image go. */
    public RegistryConfig jobsCompute(JobsCompute value) {
        RegistryConfig c = copy();
        c.jobsCompute = value;
        return c;
    }

    /** Where job runs that need an environment image go. */
    public JobsCompute jobsCompute() {
        return jobsCompute;
    }

    /** Job runs at once; 0: no scheduler. */
    public int jobWorkers() {
        return jobWorkers;
    }

    /** The schedulers' lease: see {@link #jobLease(Duration)}. */
    public Duration jobLease() {
        return jobLease;
    }

    /** The command that runs {@code bighead} for jobs. */
    public List<String> launcher() {
        return launcher;
    }

    /** The interface it listens on. */
    public String host() {
        return host;
    }

    /** The TCP port; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** DATA: registry.db, artifacts/, tmp/, admin.token. */
    public Path dataDir() {
        return dataDir;
    }

    /** The JDBC URL given, or null for SQLite at DATA/registry.db. */
    public String dbUrl() {
        return dbUrl;
    }

    /** The database user (PostgreSQL), or null. */
    public String dbUser() {
        return dbUser;
    }

    /** The database password (PostgreSQL), or null. */
    public String dbPassword() {
        return dbPassword;
    }

    /** Null for DATA/artifacts, or s3://bucket/prefix. */
    public String artifacts() {
        return artifacts;
    }

    /** The S3-compatible endpoint (path-style), or null for AWS. */
    public String s3Endpoint() {
        return s3Endpoint;
    }

    /** The S3 region, or null for us-east-1. */
    public String s3Region() {
        return s3Region;
    }

    /** Whether reads need a token too. */
    public boolean requireReadToken() {
        return requireReadToken;
    }

    /** The largest bundle accepted (413 beyond). */
    public long maxBundleBytes() {
        return maxBundleBytes;
    }

    /** The largest JSON request body accepted (413 beyond). */
    public long maxJsonBytes() {
        return maxJsonBytes;
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
}
