package org.bighead.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.bighead.http.HttpError;
import org.bighead.http.JsonProblems;

/** Reading request bodies within the size limit, and writing JSON responses; doubles are written exactly. */
final class JsonBodies {
    /** Standard JSON only; duplicate keys and "{...} garbage" are malformed. */
    static final ObjectMapper MAPPER = JsonProblems.strictMapper();

    static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonBodies() {}

    /** Something that writes one JSON value. */
    interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * The request body as JSON. Refuses a declared Content-Length over {@code limit} before reading, and stops a
     * streamed body as soon as it passes the limit; both are 413. An empty body is a 400 that says what to send.
     */
    static JsonNode read(Context ctx, long limit, String expected) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new BodyTooLargeException(limit);
        }
        JsonNode node;
        try (InputStream in = new LimitedInputStream(ctx.req().getInputStream(), limit)) {
            node = MAPPER.readTree(in);
        }
        if (node == null || node.isMissingNode()) {
            throw HttpError.badRequest("empty body: expected " + expected);
        }
        return node;
    }

    /** The whole request body, within the same limit as {@link #read} (413 past it). */
    static byte[] readBytes(Context ctx, long limit) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new BodyTooLargeException(limit);
        }
        try (InputStream in = new LimitedInputStream(ctx.req().getInputStream(), limit)) {
            return in.readAllBytes();
        }
    }

    /** {@code length} bytes of {@code body} from {@code offset} as JSON; empty is a 400 that says what to send. */
    static JsonNode parse(byte[] body, int offset, int length, String expected) throws IOException {
        JsonNode node = length == 0 ? null : MAPPER.readTree(body, offset, length);
        if (node == null || node.isMissingNode()) {
            throw HttpError.badRequest("empty body: expected " + expected);
        }
        return node;
    }

    /** {@code body} written to bytes. */
    static byte[] bytes(Writer body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        }
        return out.toByteArray();
    }

    /** Writes {@code body} as the JSON response with status 200. */
    static void respond(Context ctx, Writer body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        }
        ctx.contentType("application/json").result(out.toByteArray());
    }

    /** Counts bytes as they are read and fails once more than the limit arrived. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
