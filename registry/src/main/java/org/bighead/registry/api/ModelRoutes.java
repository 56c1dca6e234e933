package org.bighead.registry.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import org.bighead.http.HttpError;
import org.bighead.http.RequestBodies;
import org.bighead.registry.Auth;
import org.bighead.registry.Names;
import org.bighead.registry.artifacts.ArtifactStore;
import org.bighead.registry.store.ModelStore;
import org.bighead.registry.store.VersionRow;
import org.bighead.registry.upload.Registered;
import org.bighead.registry.upload.Registration;

/** Models and versions: list, create, register (upload), show, download the bundle, draw the graph. */
public final class ModelRoutes {
    /** How much of a refused upload is read and dropped so the client sees the answer (beyond it: a closed socket). */
    private static final long DRAIN_LIMIT = 256L << 20;

    private final ModelStore store;
    private final Auth auth;
    private final Registration registration;
    private final ArtifactStore artifacts;

    /** Routes over these parts. */
    public ModelRoutes(ModelStore store, Auth auth, Registration registration, ArtifactStore artifacts) {
        this.store = store;
        this.auth = auth;
        this.registration = registration;
        this.artifacts = artifacts;
    }

    /** GET /api/models. */
    public void list(Context ctx) {
        auth.reader(ctx);
        Http.json(ctx, 200, Http.wrap("models", Views.array(store.models(), Views::model)));
    }

    /** POST /api/models. */
    public void create(Context ctx) {
        String user = auth.writer(ctx).user();
        ObjectNode body = Http.body(ctx);
        String name = Names.model(Http.text(body, "name", 64));
        Http.json(ctx, 201, Views.model(store.createModel(name, Http.text(body, "description", 10_000, ""), user)));
    }

    /**
     * DELETE /api/models/{name}/versions/{version}: an export rolling back the version it registered (409 while an
     * alias points at it). The bundle bytes stay in the content-addressed store: another version may share them.
     */
    public void deleteVersion(Context ctx) {
        auth.writer(ctx);
        store.deleteVersion(Http.model(ctx), Http.version(ctx));
        ctx.status(204);
    }

    /** GET /api/models/{name}. */
    public void show(Context ctx) {
        auth.reader(ctx);
        Http.json(ctx, 200, Views.model(store.modelWithVersions(Http.model(ctx))));
    }

    /** POST /api/models/{name}/versions (multipart: info, bundle). */
    public void register(Context ctx) throws IOException {
        try {
            // the token and name first: reading the body would make Jetty answer "100 Continue" to a client
            // that asked whether to send it, only to refuse it afterwards
            String user = auth.versionWriter(ctx, ctx.pathParam("name")).user();
            String model = Http.model(ctx);
            // the raw stream: Javalin's body size limit is for JSON bodies, the bundle has its own
            InputStream body = ctx.req().getInputStream();
            Registered registered = registration.register(model, user, body, ctx.header("Content-Type"));
            ObjectNode out = Views.version(registered.version()).put("existing", registered.existing());
            Http.json(ctx, registered.existing() ? 200 : 201, out);
        } catch (HttpError e) {
            // a client still sending its bundle would otherwise never read the 401, 403 or 400
            RequestBodies.discardRest(ctx, DRAIN_LIMIT);
            throw e;
        }
    }

    /** GET /api/models/{name}/versions. */
    public void versions(Context ctx) {
        auth.reader(ctx);
        Http.json(ctx, 200, Http.wrap("versions", Views.array(store.versions(Http.model(ctx)), Views::version)));
    }

    /** GET /api/models/{name}/versions/{version}. */
    public void version(Context ctx) {
        auth.reader(ctx);
        Http.json(ctx, 200, Views.version(store.version(Http.model(ctx), Http.version(ctx))));
    }

    /** GET /api/models/{name}/versions/{version}/bundle. */
    public void bundle(Context ctx) throws IOException {
        auth.reader(ctx);
        String model = Http.model(ctx);
        int version = Http.version(ctx);
        VersionRow v = store.version(model, version);
        ctx.header("X-Bighead-SHA256", v.sha256());
        // the same name as the web UI's download link ("listing-price-v3.bighead")
        ctx.header("Content-Disposition", "attachment; filename=\"" + model + "-v" + version + ".bighead\"");
        ctx.contentType("application/octet-stream");
        // a bundle is a zip: gzip would save nothing, and Javalin compressing it kept the plain Content-Length,
        // so every client accepting gzip saw the connection close early
        ctx.disableCompression();
        ctx.res().setContentLengthLong(v.sizeBytes());
        if (!HandlerType.HEAD.equals(ctx.method())) {
            ctx.result(artifacts.open(v.sha256()));
        }
    }

    /** GET /api/models/{name}/versions/{version}/graph.svg. */
    public void graph(Context ctx) {
        auth.reader(ctx);
        ctx.contentType("image/svg+xml").result(store.graphSvg(Http.model(ctx), Http.version(ctx)));
    }

    /** GET /api/models/{name}/compare?versions=1,2,3. */
    public void compare(Context ctx) {
        auth.reader(ctx);
        String model = Http.model(ctx);
        String list = ctx.queryParam("versions");
        if (list == null || list.isBlank()) {
            throw HttpError.badRequest("query parameter 'versions' is required, e.g. ?versions=1,2,3");
        }
        if (!list.matches(" *" + Names.VERSION_REGEX + " *(?:, *" + Names.VERSION_REGEX + " *)*")) {
            throw HttpError.badRequest("query parameter 'versions' must be version numbers (1 to " + Integer.MAX_VALUE
                    + ") separated by commas, e.g. ?versions=1,2,3");
        }
        java.util.List<Integer> versions = new java.util.ArrayList<>();
        for (String v : list.split(",")) {
            int n = Names.version(v.trim());
            if (!versions.contains(n)) {
                versions.add(n);
            }
        }
        Http.json(ctx, 200, Views.comparison(versions, store.versions(model, versions)));
    }
}
