package org.bighead.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** What to do with the body of a request answered with an error before it was read. */
public final class RequestBodies {
    private RequestBodies() {}

    /**
     * Reads and drops what is left of the body, up to about {@code cap} bytes, before the error is answered: a
     * client that reads the response only once it has sent everything (java.net.http, curl uploading a bundle)
     * would otherwise see the connection reset under it and never read the 401, 400 or 413. A client that asked
     * for 100-continue has sent nothing yet and is left alone; past the cap the connection is closed instead.
     */
    public static void discardRest(Context ctx, long cap) {
        if ("100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 << 10];
            long total = 0;
            for (int n; total <= cap && (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (IOException | RuntimeException gone) {
            // the client went away: nobody is left to answer
        }
    }
}
