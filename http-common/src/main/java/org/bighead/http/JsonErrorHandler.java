package org.bighead.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before any route sees them (a NUL or a bad percent-escape in the path, a malformed
 * header) get the same JSON error shape as every other error instead of Jetty's HTML page. The message is
 * Jetty's one-line reason; a cause or stack trace is never written. Install with
 * {@code c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()))}.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final int MAX_REASON = 200;

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        String reason = message == null || message.isBlank()
                ? "the request is malformed"
                : Messages.shorten(message.strip(), MAX_REASON);
        byte[] body = ErrorResponses.body(new HttpError(code, "the request was refused: " + reason));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
