package org.bighead.registry.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.bighead.http.HttpError;
import org.bighead.registry.Auth;
import org.bighead.registry.Json;
import org.bighead.registry.Names;
import org.bighead.registry.Texts;
import org.bighead.registry.Times;
import org.bighead.registry.store.AliasStore;

/** Aliases: where they point, moving them (with a reason), their history, and where they pointed back then. */
public final class AliasRoutes {
    private final AliasStore store;
    private final Auth auth;

    /** Routes over these parts. */
    public AliasRoutes(AliasStore store, Auth auth) {
        this.store = store;
        this.auth = auth;
    }

    /** GET /api/models/{name}/aliases. */
    public void list(Context ctx) {
        auth.reader(ctx);
        Http.json(ctx, 200, Http.wrap("aliases", Views.aliases(store.aliases(Http.model(ctx)))));
    }

    /** GET /api/models/{name}/aliases/{alias}[?at=INSTANT]. */
    public void show(Context ctx) {
        auth.reader(ctx);
        String model = Http.model(ctx);
        String alias = Http.alias(ctx);
        String at = ctx.queryParam("at");
        int version = at == null
                ? store.alias(model, alias)
                : store.aliasAt(model, alias, Times.format(Times.parse(at, "at")));
        ObjectNode out = Json.MAPPER
                .createObjectNode()
                .put("model", model)
                .put("alias", alias)
                .put("version", version);
        Http.json(ctx, 200, out);
    }

    /** PUT /api/models/{name}/aliases/{alias} {"version":3,"reason":"…"}. */
    public void move(Context ctx) {
        notOnHistory(ctx);
        String user = auth.aliasWriter(ctx, ctx.pathParam("name"), ctx.pathParam("alias"))
                .user();
        String model = Http.model(ctx);
        String alias = Http.alias(ctx);
        ObjectNode body = Http.body(ctx);
        Http.json(
                ctx,
                200,
                Views.move(store.moveAlias(
                        model, alias, Http.versionField(body), Http.text(body, "reason", 2000, ""), user)));
    }

    /** DELETE /api/models/{name}/aliases/{alias}. */
    public void delete(Context ctx) {
        notOnHistory(ctx);
        String user = auth.writer(ctx).user();
        String model = Http.model(ctx);
        String alias = Http.alias(ctx);
        String reason = ctx.queryParam("reason");
        Http.json(
                ctx,
                200,
                Views.move(store.moveAlias(
                        model,
                        alias,
                        null,
                        reason == null ? "" : Texts.check(reason, "query parameter 'reason'", 2000),
                        user)));
    }

    // …/aliases/history is the history (GET only), not an alias that could be moved or deleted
    private static void notOnHistory(Context ctx) {
        if ("history".equals(ctx.pathParam("alias"))) {
            ctx.header("Allow", "GET, HEAD");
            throw new HttpError(
                    405,
                    ctx.method() + " is not allowed on " + ctx.path() + "; it takes GET, HEAD"
                            + " (the alias history; 'history' cannot be an alias)");
        }
    }

    /** GET /api/models/{name}/aliases/history[?alias=A]. */
    public void history(Context ctx) {
        auth.reader(ctx);
        String alias = ctx.queryParam("alias");
        Http.json(
                ctx,
                200,
                Http.wrap(
                        "moves",
                        Views.array(
                                store.history(Http.model(ctx), alias == null ? null : Names.alias(alias)),
                                Views::move)));
    }
}
