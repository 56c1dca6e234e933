package org.bighead.registry.api;

import io.javalin.http.Handler;

/** One endpoint of the API: method, path (OpenAPI's {param} syntax, which Javalin shares) and handler. */
public record Route(String method, String path, Handler handler) {}
