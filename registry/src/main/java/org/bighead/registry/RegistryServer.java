package org.bighead.registry;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bighead.config.Setting;
import org.bighead.config.Settings;
import org.bighead.config.SettingsDefaults;
import org.bighead.config.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bighead registry serve}: the registry server's command line. */
@Command(
        name = "bighead registry serve",
        mixinStandardHelpOptions = true,
        version = "bighead registry 0.1.0",
        description = {
            "Run the Bighead model registry: REST API (registry/API.md) and UI.",
            "S3 credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_REGION when --s3-region is not set)."
        })
public final class RegistryServer implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8470", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Interface to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default ~/.bighead/registry).")
    Path data;

    @Setting("registry.db-url")
    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description =
                    "Database (default SQLite at DATA/registry.db)," + " e.g. jdbc:postgresql://host:5432/registry.")
    String db;

    @Option(names = "--db-user", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", description = "Database password (prefer BIGHEAD_REGISTRY_DB_PASSWORD).")
    String dbPassword;

    @Option(
            names = "--artifacts",
            paramLabel = "s3://BUCKET/PREFIX",
            description = "Where bundles go (default DATA/artifacts).")
    String artifacts;

    @Option(
            names = "--s3-endpoint",
            paramLabel = "URL",
            description = "S3-compatible endpoint (path-style addressing).")
    String s3Endpoint;

    @Option(names = "--s3-region", description = "S3 region (default AWS_REGION, else us-east-1).")
    String s3Region;

    @Option(names = "--require-read-token", description = "Reads need a token too (default: reads are open).")
    boolean requireReadToken;

    @Option(
            names = "--max-bundle-mb",
            defaultValue = "2048",
            description = "Largest bundle accepted, in MB (default ${DEFAULT-VALUE}).")
    long maxBundleMb;

    @Option(
            names = "--job-workers",
            defaultValue = "2",
            description = "Scheduled job runs at once (default ${DEFAULT-VALUE}; 0 = no embedded scheduler).")
    int jobWorkers;

    @Option(
            names = "--job-lease-seconds",
            defaultValue = "30",
            description = "Seconds another registry's scheduler on the same database may go without a heartbeat"
                    + " before this one retries its running job runs (default ${DEFAULT-VALUE}; it beats every"
                    + " sixth of that).")
    long jobLeaseSeconds;

    @Option(
            names = "--deployment-check-seconds",
            defaultValue = "30",
            description = "How often serving deployments on this machine (loopback targets) are probed; one that"
                    + " refuses connections is marked lost, e.g. when the notebook that started it ended (default"
                    + " ${DEFAULT-VALUE}; 0 = off).")
    long deploymentCheckSeconds;

    @Setting("jobs.compute")
    @Option(
            names = "--jobs-compute",
            paramLabel = "BACKEND",
            description = "Where retrains of a version with an environment image run: local (default: nowhere, they"
                    + " are refused), docker or ec2 (through the compute service).")
    String jobsCompute;

    @Setting("jobs.compute-url")
    @Option(
            names = "--jobs-compute-url",
            paramLabel = "URL",
            description = "A running compute service (./bighead compute serve; its token in"
                    + " BIGHEAD_JOBS_COMPUTE_TOKEN); default: the registry starts its own.")
    String jobsComputeUrl;

    @Setting("jobs.instance-type")
    @Option(
            names = "--jobs-instance-type",
            paramLabel = "TYPE",
            description = "Instance type of a job's workload when the job names none (default t3.medium).")
    String jobsInstanceType;

    @Setting("jobs.registry-url")
    @Option(
            names = "--jobs-registry-url",
            paramLabel = "URL",
            description = "This registry's address as workloads reach it (EC2 instances); default: its own URL.")
    String jobsRegistryUrl;

    @Override
    public Integer call() throws Exception {
        RegistryConfig config = RegistryConfig.resolve(this, System.getenv());
        RegistryApp app = RegistryApp.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "registry-shutdown"));
        System.out.println("Bighead registry on http://" + config.host() + ":" + app.port() + " ("
                + app.storeDescription() + ", artifacts " + app.artifactsDescription() + "); admin token in "
                + config.adminTokenFile());
        System.out.flush();
        new CountDownLatch(1).await(); // serve until killed
        return 0;
    }

    /** The command line for {@code flags}: options not given come from {@code settings} (bighead-config). */
    static CommandLine commandLine(RegistryServer flags, Settings settings) {
        return SettingsDefaults.install(new CommandLine(flags), "registry", settings);
    }

    /** Entry point. */
    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = commandLine(new RegistryServer(), Settings.load());
        } catch (SettingsException e) {
            System.err.println("bighead registry: " + e.getMessage());
            System.exit(2);
            return;
        }
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("bighead registry: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
