package org.bighead.serving;

import io.javalin.http.Context;

/** Picks the served model for a request from its {name} (and {version}) path parameters, or answers 404. */
final class ModelRoutes {
    private ModelRoutes() {
    }

    /** The version to use for this request: the current one, if the URL names it. */
    static LoadedModel select(Context ctx, ModelHolder models) {
        LoadedModel model = models.current(); // read once: a swap during this request does not change its model
        String name = ctx.pathParam("name");
        if (!name.equals(model.name())) {
            throw ApiError.notFound("no model '" + shorten(name) + "' here; this server serves '" + model.name() + "'");
        }
        String version = ctx.pathParamMap().get("version");
        if (version != null && !version.equals(model.version())) {
            throw ApiError.notFound("model '" + model.name() + "' has no version '" + shorten(version)
                    + "' here; it serves version '" + model.version() + "'");
        }
        return model;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
