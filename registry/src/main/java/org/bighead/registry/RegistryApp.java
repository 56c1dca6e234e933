package org.bighead.registry;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bighead.http.ErrorResponses;
import org.bighead.http.HttpError;
import org.bighead.http.JsonErrorHandler;
import org.bighead.registry.api.AliasRoutes;
import org.bighead.registry.api.DeploymentRoutes;
import org.bighead.registry.api.ModelRoutes;
import org.bighead.registry.api.Route;
import org.bighead.registry.api.Routes;
import org.bighead.registry.api.ServiceRoutes;
import org.bighead.registry.artifacts.ArtifactStore;
import org.bighead.registry.artifacts.LocalArtifactStore;
import org.bighead.registry.artifacts.S3ArtifactStore;
import org.bighead.registry.store.Database;
import org.bighead.registry.store.RegistryStore;
import org.bighead.registry.store.StoreException;
import org.bighead.registry.store.TokenStore;
import org.bighead.registry.upload.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's composition root: opens the database and artifact store, makes sure there is an admin token,
 * and starts Javalin with every route of {@link Routes}, the UI at {@code /}, and one exception mapper that
 * turns every failure into API.md's {@code {"status":…, "error":…}}.
 */
public final class RegistryApp implements AutoCloseable {
    /** Where the single-page UI lives on the class path. */
    public static final String UI_RESOURCES = "/org/bighead/registry/ui";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryApp.class);
    private static final String ERROR_WRITTEN = "bighead.error-written";

    private final RegistryConfig config;
    private final Database db;
    private final ArtifactStore artifacts;
    private final List<Route> routes;
    private final Javalin javalin;

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
            RegistryStore store = new RegistryStore(db);
            Auth auth = new Auth(new TokenStore(db), config.requireReadToken());
            auth.ensureAdminToken(config.adminTokenFile());
            Registration registration = new Registration(store, artifacts, config.tmpDir(), config.maxBundleBytes());
            List<Route> routes = Routes.all(
                    new ServiceRoutes(auth, db.vendor().name().toLowerCase(Locale.ROOT), artifacts.kind()),
                    new ModelRoutes(store, auth, registration, artifacts),
                    new AliasRoutes(store, auth),
                    new org.bighead.registry.api.DeploymentRoutes(store, auth));
            RegistryApp app = new RegistryApp(config, db, artifacts, routes);
            app.javalin.start(config.host(), config.port());
            return app;
        } catch (Exception | Error e) {
            if (artifacts != null) {
                artifacts.close();
            }
            db.close();
            throw e;
        }
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
            c.routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.findOrCreate(r.method()), r.path(), r.handler()));
        }
        c.routes.exception(HttpError.class, (e, ctx) -> error(ctx, e));
        c.routes.exception(HttpResponseException.class,
                (e, ctx) -> error(ctx, e.getStatus(), sentence(e, ctx, config.maxJsonBytes())));
        c.routes.exception(Database.Busy.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        c.routes.exception(ArtifactStore.NoSuchArtifactException.class, (e, ctx) -> {
            LOG.error("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            error(ctx, 500, "the registry has this version but not its bytes; an operator must restore them");
        });
        c.routes.exception(StoreException.class, (e, ctx) -> {
            if (e.isConstraintViolation()) {
                error(ctx, 409, "a concurrent change conflicted with this one; try again");
            } else if (e.isDataException()) {
                // input validation should have caught it (Texts); the database is the backstop
                LOG.warn("{} {}: the database refused a value: {}", ctx.method(), ctx.path(), e.getMessage());
                error(ctx, 400, "the registry database cannot store a value of this request (too long, or a"
                        + " character such as NUL it does not accept); shorten or clean the text fields");
            } else {
                LOG.error("{} {}: database error", ctx.method(), ctx.path(), e);
                error(ctx, 500, "the registry database failed; see the server log");
            }
        });
        c.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "the registry failed on this request; see the server log");
        });
        c.routes.error(404, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) {
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /api/openapi.json)");
            }
        });
    }

    private static String sentence(HttpResponseException e, Context ctx, long maxJsonBytes) {
        return switch (e.getStatus()) {
            case 404 -> "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /api/openapi.json)";
            case 413 -> "the request body is too large (JSON bodies are limited to " + size(maxJsonBytes) + ")";
            case 400 -> "bad request: " + e.getMessage();
            default -> e.getMessage();
        };
    }

    /** 1048576 → "1 MiB (1048576 bytes)"; 5000 → "5000 bytes". */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB (" + bytes + " bytes)";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }

    private static void error(Context ctx, int status, String message) {
        error(ctx, new HttpError(status, message));
    }

    private static void error(Context ctx, HttpError error) {
        ctx.attribute(ERROR_WRITTEN, true);
        ErrorResponses.write(ctx, error);
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
        javalin.stop();
        artifacts.close();
        db.close();
    }
}
