package org.bighead.serving;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /reference/constant} (with {@code --reference-endpoint} only): reads the body within the limit like a
 * scoring endpoint and answers a fixed small JSON. The benchmark compares it with /predict to separate the server
 * stack's cost from scoring's.
 */
final class ConstantEndpoint implements Handler {
    private static final byte[] REPLY = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final long maxBody;

    ConstantEndpoint(long maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        if (ctx.req().getContentLengthLong() > maxBody) {
            throw new BodyTooLargeException(maxBody);
        }
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBody) {
                    throw new BodyTooLargeException(maxBody);
                }
            }
        }
        ctx.contentType("application/json").result(REPLY);
    }
}
