package org.bighead.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds where one HTTP/1.1 response ends in the bytes read so far, for a load generator that keeps connections
 * alive: the body is delimited by {@code Content-Length} or by chunked transfer coding. Allocates nothing per
 * response except the header text it inspects.
 */
final class HttpResponseParser {
    /** A complete response: its status, its length in bytes, and whether the server will close the connection. */
    record Response(int status, int length, boolean close) {}

    private HttpResponseParser() {}

    /**
     * The response at the start of {@code bytes[0, limit)}, or {@code null} while it is incomplete.
     *
     * @throws IllegalStateException if the bytes are not an HTTP/1.x response, or its body has no delimiter
     */
    static Response parse(byte[] bytes, int limit) {
        int headerEnd = indexOf(bytes, 0, limit, "\r\n\r\n");
        if (headerEnd < 0) {
            return null;
        }
        String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.") || head.length() < 12) {
            throw new IllegalStateException("not an HTTP/1.x response: " + abbreviate(head));
        }
        int status = Integer.parseInt(head.substring(9, 12));
        String headers = head.toLowerCase(Locale.ROOT);
        boolean close = headerValue(headers, "connection").equals("close");
        int bodyStart = headerEnd + 4;
        if (status / 100 == 1 || status == 204 || status == 304) {
            return new Response(status, bodyStart, close);
        }
        String length = headerValue(headers, "content-length");
        if (!length.isEmpty()) {
            int end = bodyStart + Integer.parseInt(length);
            return limit >= end ? new Response(status, end, close) : null;
        }
        if (headerValue(headers, "transfer-encoding").contains("chunked")) {
            int end = chunkedEnd(bytes, bodyStart, limit);
            return end < 0 ? null : new Response(status, end, close);
        }
        throw new IllegalStateException("response " + status + " has neither Content-Length nor chunked coding; "
                + "a body that ends at connection close cannot be measured on a kept-alive connection");
    }

    // Walks "size-in-hex CRLF data CRLF" chunks up to the "0 CRLF CRLF" that ends the body (no trailers expected).
    private static int chunkedEnd(byte[] bytes, int from, int limit) {
        int at = from;
        while (true) {
            int lineEnd = indexOf(bytes, at, limit, "\r\n");
            if (lineEnd < 0) {
                return -1;
            }
            String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                int end = indexOf(bytes, lineEnd, limit, "\r\n\r\n");
                return end < 0 ? -1 : end + 4;
            }
            at = lineEnd + 2 + size + 2;
            if (at > limit) {
                return -1;
            }
        }
    }

    // The value of a header in lower-cased header text, or "" when absent.
    private static String headerValue(String headers, String name) {
        String key = "\r\n" + name + ":";
        int at = headers.indexOf(key);
        if (at < 0) {
            return "";
        }
        int start = at + key.length();
        int end = headers.indexOf("\r\n", start);
        return headers.substring(start, end < 0 ? headers.length() : end).trim();
    }

    private static int indexOf(byte[] bytes, int from, int limit, String ascii) {
        int n = ascii.length();
        outer:
        for (int i = from; i <= limit - n; i++) {
            for (int j = 0; j < n; j++) {
                if (bytes[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
