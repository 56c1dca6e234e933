package org.bighead.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.bighead.http.HttpError;

/** Reading request bodies within the size limit, and writing JSON responses; doubles are written exactly. */
final class JsonBodies {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{...} garbage" is malformed, not a prefix
            .build();
    static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonBodies() {
    }

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
