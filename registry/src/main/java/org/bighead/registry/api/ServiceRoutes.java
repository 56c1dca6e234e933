package org.bighead.registry.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.bighead.http.HttpError;
import org.bighead.registry.Auth;
import org.bighead.registry.Json;
import org.bighead.registry.store.TokenStore.Scope;

/** Health, the OpenAPI document and token creation. */
public final class ServiceRoutes {
    /** Classpath location of the hand-written OpenAPI 3 document. */
    public static final String OPENAPI_RESOURCE = "/org/bighead/registry/openapi.json";

    private final Auth auth;
    private final String store;
    private final String artifacts;
    private final byte[] openapi;

    /** Routes reporting this store and artifact kind. */
    public ServiceRoutes(Auth auth, String store, String artifacts) throws IOException {
        this.auth = auth;
        this.store = store;
        this.artifacts = artifacts;
        try (InputStream in = ServiceRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IOException(OPENAPI_RESOURCE + " is missing from the class path");
            }
            this.openapi = in.readAllBytes();
        }
    }

    /** GET /api/health. */
    public void health(Context ctx) {
        ObjectNode out = Json.MAPPER
                .createObjectNode()
                .put("status", "ok")
                .put("store", store)
                .put("artifacts", artifacts);
        Http.json(ctx, 200, out);
    }

    /** GET /api/openapi.json. */
    public void openapi(Context ctx) {
        ctx.contentType("application/json").result(openapi);
    }

    /** POST /api/tokens {"user":"…","scope":"read|write"} → 201 {"token":"…"}, shown only this once. */
    public void createToken(Context ctx) {
        auth.writer(ctx);
        ObjectNode body = Http.body(ctx);
        String user = Http.text(body, "user", 128);
        if (!user.matches("[A-Za-z0-9._@+-]+")) {
            throw HttpError.badRequest("field 'user' may hold ASCII letters, digits and . _ @ + - only");
        }
        String scopeText = Http.text(body, "scope", 8);
        Scope scope = switch (scopeText) {
            case "read" -> Scope.READ;
            case "write" -> Scope.WRITE;
            default -> throw HttpError.badRequest("field 'scope' must be 'read' or 'write'");
        };
        ObjectNode out = Json.MAPPER
                .createObjectNode()
                .put("user", user)
                .put("scope", scopeText)
                .put("token", auth.create(user, scope));
        Http.json(ctx, 201, out);
    }
}
