package org.bighead.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.bighead.http.HttpError;
import org.bighead.registry.Auth;
import org.bighead.registry.Json;
import org.bighead.registry.Names;
import org.bighead.registry.store.EnvironmentStore;

/**
 * Derived environments ({@code bighead env create NAME --from BASE}): list, show, create with a spec, record the
 * image once built, delete. The team's base environments are the repository's catalog; these sit beside them.
 */
public final class EnvironmentRoutes {
    /** The largest spec stored, as compact JSON in UTF-8. */
    static final int MAX_SPEC_BYTES = 64 * 1024;

    /** An OCI content digest, {@code algorithm:encoded} (sha256:…, sha512:…). */
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    private final EnvironmentStore store;
    private final Auth auth;

    /** Routes over these parts. */
    public EnvironmentRoutes(EnvironmentStore store, Auth auth) {
        this.store = store;
        this.auth = auth;
    }

    /** GET /api/environments. */
    public void list(Context ctx) {
        auth.reader(ctx);
        Http.json(ctx, 200, Http.wrap("environments", Views.array(store.environments(), Views::environment)));
    }

    /** GET /api/environments/{name}. */
    public void show(Context ctx) {
        auth.reader(ctx);
        Http.json(ctx, 200, Views.environment(store.environment(name(ctx))));
    }

    /** POST /api/environments {"name", "from", "description"?, "spec": {…}, "created_by"?}. */
    public void create(Context ctx) {
        String user = auth.writer(ctx).user();
        ObjectNode body = Http.body(ctx);
        String name = Names.environment(Http.text(body, "name", 1024));
        String from = Http.text(body, "from", 1024);
        if (!Names.isEnvironment(from)) {
            throw HttpError.badRequest("field 'from' must name the base environment: " + Names.quoted(from)
                    + " is not a valid environment name (" + Names.ENVIRONMENT_RULE + ")");
        }
        String description = Http.text(body, "description", 10_000, "");
        // a client may say who it is, but every write carries a token, and the token's user made the environment
        Http.text(body, "created_by", 128, null);
        Http.json(ctx, 201, Views.environment(store.create(name, from, description, spec(body), user)));
    }

    /** PUT /api/environments/{name}/image {"image", "digest", "spec_hash", "bighead_version"?}. */
    public void recordImage(Context ctx) {
        auth.writer(ctx);
        String name = name(ctx);
        ObjectNode body = Http.body(ctx);
        String image = Http.text(body, "image", 1024);
        String digest = Http.text(body, "digest", 256);
        if (!DIGEST.matcher(digest).matches()) {
            throw HttpError.badRequest(
                    "field 'digest' must be an image digest such as sha256:<64 hex digits> (algorithm:hex)");
        }
        String specHash = Http.text(body, "spec_hash", 256);
        String bigheadVersion = Http.text(body, "bighead_version", 64, null);
        Http.json(ctx, 200, Views.environment(store.recordImage(name, image, digest, specHash, bigheadVersion)));
    }

    /** DELETE /api/environments/{name}. */
    public void delete(Context ctx) {
        auth.writer(ctx);
        store.delete(name(ctx));
        ctx.status(204);
    }

    private static String name(Context ctx) {
        return Names.environment(ctx.pathParam("name"));
    }

    /** The required "spec" field: a JSON object of at most {@link #MAX_SPEC_BYTES}, kept as sent. */
    private static JsonNode spec(ObjectNode body) {
        JsonNode spec = body.path("spec");
        if (!spec.isObject()) {
            throw HttpError.badRequest("field 'spec' is required and must be a JSON object (the environment's spec)");
        }
        int bytes = Json.text(spec).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SPEC_BYTES) {
            throw HttpError.badRequest("field 'spec' is " + bytes
                    + " bytes as JSON; the registry keeps specs of at most " + ApiErrors.size(MAX_SPEC_BYTES));
        }
        return spec;
    }
}
