package org.bighead.serving;

import io.javalin.http.Context;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;

/** Picks the served model for a request from its {name} (and {version}) path parameters, or answers 404. */
final class RequestedModel {
    /** How much of a client-sent name or version a message quotes. */
    private static final int MAX_QUOTED = 80;

    private RequestedModel() {}

    /** The version to use for this request: the current one, if the URL names it. */
    static LoadedModel select(Context ctx, ModelHolder models) {
        LoadedModel model = models.current(); // read once: a swap during this request does not change its model
        String name = ctx.pathParam("name");
        if (!name.equals(model.name())) {
            throw HttpError.notFound("no model '" + Messages.shorten(name, MAX_QUOTED) + "' here; this server serves '"
                    + model.name() + "'");
        }
        String version = ctx.pathParamMap().get("version");
        if (version != null && !version.equals(model.version())) {
            throw HttpError.notFound("model '" + model.name() + "' has no version '"
                    + Messages.shorten(version, MAX_QUOTED) + "' here; it serves version '" + model.version() + "'");
        }
        return model;
    }
}
