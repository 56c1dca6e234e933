package org.bighead.registry.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.bighead.registry.Auth;
import org.bighead.registry.Names;
import org.bighead.registry.Texts;
import org.bighead.registry.store.DeploymentStore;

/** Deployments: where versions run, as reported by whoever deploys them, and every report before. */
public final class DeploymentRoutes {
    private final DeploymentStore store;
    private final Auth auth;

    /** Routes over these parts. */
    public DeploymentRoutes(DeploymentStore store, Auth auth) {
        this.store = store;
        this.auth = auth;
    }

    /** POST /api/models/{name}/deployments. */
    public void record(Context ctx) {
        String user = auth.writer(ctx).user();
        String model = Http.model(ctx);
        ObjectNode body = Http.body(ctx);
        String alias = Http.text(body, "alias", 32, null);
        Http.json(
                ctx,
                201,
                Views.deployment(store.record(
                        model,
                        Http.versionField(body),
                        alias == null ? null : Names.alias(alias),
                        Http.text(body, "target", 1024),
                        Http.text(body, "kind", 64, "serving"),
                        Http.text(body, "status", 64, "running"),
                        user)));
    }

    /** GET /api/deployments. */
    public void all(Context ctx) {
        auth.reader(ctx);
        Http.json(ctx, 200, Http.wrap("deployments", Views.array(store.deployments(null), Views::deployment)));
    }

    /** GET /api/models/{name}/deployments. */
    public void ofModel(Context ctx) {
        auth.reader(ctx);
        Http.json(
                ctx, 200, Http.wrap("deployments", Views.array(store.deployments(Http.model(ctx)), Views::deployment)));
    }

    /** GET /api/models/{name}/deployments/history[?target=URL]. */
    public void history(Context ctx) {
        auth.reader(ctx);
        String target = ctx.queryParam("target");
        Http.json(
                ctx,
                200,
                Http.wrap(
                        "events",
                        Views.array(
                                store.history(
                                        Http.model(ctx),
                                        target == null ? null : Texts.check(target, "query parameter 'target'", 1024)),
                                Views::event)));
    }
}
