package org.bighead.registry;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.http.JsonErrorHandler;
import org.bighead.registry.api.AliasRoutes;
import org.bighead.registry.api.ApiErrors;
import org.bighead.registry.api.DeploymentRoutes;
import org.bighead.registry.api.EnvironmentRoutes;
import org.bighead.registry.api.JobRoutes;
import org.bighead.registry.api.ModelRoutes;
import org.bighead.registry.api.Route;
import org.bighead.registry.api.Routes;
import org.bighead.registry.api.ServiceRoutes;
import org.bighead.registry.artifacts.ArtifactStore;
import org.bighead.registry.artifacts.LocalArtifactStore;
import org.bighead.registry.artifacts.S3ArtifactStore;
import org.bighead.registry.deployments.DeploymentWatch;
import org.bighead.registry.jobs.BatchScoreExecutor;
import org.bighead.registry.jobs.EvaluateExecutor;
import org.bighead.registry.jobs.JobExecutors;
import org.bighead.registry.jobs.JobKind;
import org.bighead.registry.jobs.RetrainExecutor;
import org.bighead.registry.jobs.Scheduler;
import org.bighead.registry.jobs.compute.ComputeServiceClient;
import org.bighead.registry.jobs.compute.ComputeServiceProcess;
import org.bighead.registry.jobs.compute.JobCompute;
import org.bighead.registry.store.AliasStore;
import org.bighead.registry.store.Database;
import org.bighead.registry.store.DeploymentStore;
import org.bighead.registry.store.EnvironmentStore;
import org.bighead.registry.store.EvaluationStore;
import org.bighead.registry.store.JobStore;
import org.bighead.registry.store.ModelStore;
import org.bighead.registry.store.TokenStore;
import org.bighead.registry.upload.Registration;

/**
 * The registry's composition root: opens the database and artifact store, makes sure there is an admin token,
 * and starts Javalin with every route of {@link Routes}, the UI at {@code /}, and one exception mapper that
 * turns every failure into API.md's {@code {"status":…, "error":…}}.
 */
public final class RegistryApp implements AutoCloseable {
    /** Where the single-page UI lives on the class path. */
    public static final String UI_RESOURCES = "/org/bighead/registry/ui";

    private final RegistryConfig config;
    private final Database db;
    private final ArtifactStore artifacts;
    private final List<Route> routes;
    private final Javalin javalin;
    private Scheduler scheduler;
    private JobCompute jobCompute;
    private DeploymentWatch deploymentWatch;

    private RegistryApp(RegistryConfig config, Database db, ArtifactStore artifacts, List<Route> routes) {
        this.config = config;
        this.db = db;
        this.artifacts = artifacts;
        this.routes = routes;
        this.javalin = Javalin.create(c -> configure(c));
    }

    /** Starts a registry; returns once it accepts requests. */
    public static RegistryApp start(RegistryConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        clearLeftoverUploads(config.tmpDir());
        Database db = Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
        ArtifactStore artifacts = null;
        try {
            artifacts = config.artifacts() == null
                    ? new LocalArtifactStore(config.localArtifactsDir())
                    : new S3ArtifactStore(URI.create(config.artifacts()), config.s3Endpoint(), config.s3Region());
            ModelStore models = new ModelStore(db);
            JobStore jobs = new JobStore(db);
            // routes are made before the scheduler; a run queued by hand wakes it once it exists
            AtomicReference<Scheduler> scheduler = new AtomicReference<>();
            Auth auth = new Auth(new TokenStore(db), config.requireReadToken());
            auth.ensureAdminToken(config.adminTokenFile());
            Registration registration = new Registration(models, artifacts, config.tmpDir(), config.maxBundleBytes());
            List<Route> routes = Routes.all(
                    new ServiceRoutes(auth, db.vendor().name().toLowerCase(Locale.ROOT), artifacts.kind()),
                    new ModelRoutes(models, auth, registration, artifacts),
                    new AliasRoutes(new AliasStore(db), auth),
                    new DeploymentRoutes(new DeploymentStore(db), auth),
                    new EnvironmentRoutes(new EnvironmentStore(db), auth),
                    new JobRoutes(
                            jobs, models, new AliasStore(db), new EvaluationStore(db), auth, Clock.systemUTC(), () -> {
                                Scheduler s = scheduler.get();
                                if (s != null) {
                                    s.wake();
                                }
                            }));
            RegistryApp app = new RegistryApp(config, db, artifacts, routes);
            app.javalin.start(config.host(), config.port());
            if (!config.deploymentCheck().isZero()) {
                app.deploymentWatch = new DeploymentWatch(new DeploymentStore(db)).start(config.deploymentCheck());
            }
            if (config.jobWorkers() > 0) {
                // no token here: each run gets its own, scoped to its job (RunTokens), from the scheduler
                Map<String, String> env = new HashMap<>();
                env.put("BIGHEAD_REGISTRY_URL", app.url());
                AliasStore aliases = new AliasStore(db);
                app.jobCompute = jobCompute(config);
                Map<String, String> workloadEnv = new HashMap<>();
                if (config.jobsCompute().registryUrl() != null) {
                    workloadEnv.put("BIGHEAD_REGISTRY_URL", config.jobsCompute().registryUrl());
                }
                JobExecutors executors = new JobExecutors(Map.of(
                        JobKind.BATCH_SCORE,
                        new BatchScoreExecutor(config.launcher(), env),
                        JobKind.RETRAIN,
                        new RetrainExecutor(
                                config.launcher(),
                                env,
                                models,
                                aliases,
                                config.dataDir().resolve("job-runs"),
                                new RetrainExecutor.Workloads(
                                        app.jobCompute,
                                        config.jobsCompute().instanceType(),
                                        workloadEnv,
                                        Duration.ofSeconds(1))),
                        JobKind.EVALUATE,
                        new EvaluateExecutor(config.launcher(), env, models, aliases, new EvaluationStore(db))));
                app.scheduler =
                        new Scheduler(jobs, executors, Clock.systemUTC(), config.jobWorkers(), config.jobLease(), auth);
                app.scheduler.start(Duration.ofSeconds(1));
                scheduler.set(app.scheduler);
            }
            return app;
        } catch (Exception | Error e) {
            if (artifacts != null) {
                artifacts.close();
            }
            db.close();
            throw e;
        }
    }

    /** The compute back end of job workloads, or null for {@code local}; the registry's own service starts lazily. */
    private static JobCompute jobCompute(RegistryConfig config) {
        RegistryConfig.JobsCompute jc = config.jobsCompute();
        if (jc.backend().equals("local")) {
            return null;
        }
        HardwareCatalog.snapshot().require(jc.instanceType()); // a bad default is an error at start, not at a run
        if (jc.url() != null) {
            if (jc.token() == null) {
                throw new IllegalArgumentException("jobs.compute-url is set but BIGHEAD_JOBS_COMPUTE_TOKEN is not: the"
                        + " compute service's token");
            }
            return ComputeServiceClient.of(jc.backend(), URI.create(jc.url()), jc.token());
        }
        return ComputeServiceClient.own(new ComputeServiceProcess(
                config.launcher(), jc.backend(), config.dataDir().resolve("compute-service.log")));
    }

    private void configure(JavalinConfig c) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.http.maxRequestSize = config.maxJsonBytes();
        c.router.ignoreTrailingSlashes = true;
        c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        c.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = UI_RESOURCES;
            files.location = Location.CLASSPATH;
        });
        for (Route r : routes) {
            c.routes.addEndpoint(
                    new io.javalin.router.Endpoint(HandlerType.findOrCreate(r.method()), r.path(), r.handler()));
            if (r.method().equals("GET")) {
                // HEAD runs GET's handler (status, headers, length) and Jetty sends no body; Javalin's own HEAD
                // answer would be 200 and empty for every GET path, even where GET is a 404
                c.routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.HEAD, r.path(), r.handler()));
            }
        }
        ApiErrors.install(c, config.maxJsonBytes(), routes);
    }

    /** Uploads cut off by a crash or kill leave temp files; nothing refers to them, so they go at start. */
    private static void clearLeftoverUploads(Path tmp) throws IOException {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(tmp)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The port it listens on (useful with port 0). */
    public int port() {
        return javalin.port();
    }

    /** Its base URL. */
    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    /** The endpoints it serves. */
    public List<Route> routes() {
        return routes;
    }

    /** "sqlite DATA/registry.db" or "postgresql jdbc:…" (password hidden). */
    public String storeDescription() {
        return db.vendor() == Database.Vendor.SQLITE
                ? "sqlite " + config.sqliteFile()
                : "postgresql " + config.jdbcUrl().replaceAll("password=[^&]*", "password=***");
    }

    /** The artifacts folder or S3 location. */
    public String artifactsDescription() {
        return config.artifacts() == null ? config.localArtifactsDir().toString() : config.artifacts();
    }

    @Override
    public void close() {
        if (deploymentWatch != null) {
            deploymentWatch.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (jobCompute != null) {
            jobCompute.close();
        }
        javalin.stop();
        artifacts.close();
        db.close();
    }
}
