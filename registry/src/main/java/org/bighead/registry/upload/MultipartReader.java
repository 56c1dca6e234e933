package org.bighead.registry.upload;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bighead.http.HttpError;

/**
 * Reads a {@code multipart/form-data} body part by part as a stream, so a 2 GB bundle never sits in memory or
 * in a servlet container's temp folder we do not control. A body that ends before its closing boundary is an
 * {@link EOFException}: the caller throws away what it wrote.
 */
public final class MultipartReader {
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private boolean finished;
    private boolean inBody = true; // the preamble counts as a body to skip

    /** A reader of {@code in} with the boundary from {@code contentType}; 400 if it is not multipart. */
    public MultipartReader(InputStream in, String contentType) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary(contentType)).getBytes(StandardCharsets.ISO_8859_1);
        // the first boundary has no CRLF before it: pretend it had, so one search finds every delimiter
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    private static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw HttpError.badRequest("the upload must be multipart/form-data with parts 'info' and 'bundle'");
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring(9).replace("\"", "");
                if (!b.isEmpty() && b.length() <= 70) {
                    return b;
                }
            }
        }
        throw HttpError.badRequest("the multipart Content-Type has no valid boundary");
    }

    /** One part's name, filename and content type. */
    public record Part(String name, String filename, String contentType) {}

    /** Moves to the next part and returns its headers, or null after the last one. */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (inBody) {
            // skip whatever is left of the current part (or the preamble) up to the delimiter
            copyUntilDelimiter(OutputStream.nullOutputStream(), Long.MAX_VALUE);
        }
        if (finished) {
            return null;
        }
        inBody = true;
        return readHeaders();
    }

    /** Copies the current part's body to {@code out}; more than {@code limit} bytes → a 413 HttpError. */
    public long copyBody(OutputStream out, long limit) throws IOException {
        return copyUntilDelimiter(out, limit);
    }

    /** The current part's body as bytes, at most {@code limit} of them. */
    public byte[] readBody(int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copyUntilDelimiter(out, limit);
        return out.toByteArray();
    }

    private long copyUntilDelimiter(OutputStream out, long limit) throws IOException {
        long copied = 0;
        while (true) {
            fill(delimiter.length + 2);
            int found = indexOfDelimiter();
            if (found >= 0) {
                copied = write(out, found - pos, copied, limit);
                pos = found + delimiter.length;
                inBody = false;
                fill(2);
                if (end - pos < 2) {
                    throw new EOFException("the upload ended inside a boundary");
                }
                if (buf[pos] == '-' && buf[pos + 1] == '-') {
                    finished = true;
                } else {
                    skipLineEnd();
                }
                return copied;
            }
            if (eof && end - pos < delimiter.length + 2) {
                throw new EOFException("the upload ended before its closing boundary (cut off?)");
            }
            // keep enough bytes to recognise a delimiter split across two reads
            int safe = end - pos - (delimiter.length + 1);
            if (safe > 0) {
                copied = write(out, safe, copied, limit);
            }
        }
    }

    private long write(OutputStream out, int n, long copied, long limit) throws IOException {
        if (copied + n > limit) {
            throw new HttpError(413, "the part is larger than the limit of " + limit + " bytes");
        }
        out.write(buf, pos, n);
        pos += n;
        return copied + n;
    }

    private Part readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        String line;
        while (!(line = readLine()).isEmpty()) {
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw HttpError.badRequest("a multipart part has headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        String disposition = headers.getOrDefault("content-disposition", "");
        return new Part(param(disposition, "name"), param(disposition, "filename"), headers.get("content-type"));
    }

    private static String param(String header, String name) {
        for (String piece : header.split(";")) {
            String p = piece.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1).replace("\"", "");
            }
        }
        return null;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            fill(2);
            if (end - pos < 2) {
                throw new EOFException("the upload ended inside multipart headers");
            }
            if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw HttpError.badRequest("a multipart header line is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(buf[pos++]);
        }
    }

    private void skipLineEnd() throws IOException {
        // after a delimiter: optional whitespace, then CRLF
        while (true) {
            fill(1);
            if (end - pos < 1) {
                throw new EOFException("the upload ended after a boundary");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                return;
            }
        }
    }

    private boolean eof;

    private void fill(int wanted) throws IOException {
        if (end - pos >= wanted || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        while (end - pos < wanted && end < buf.length) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
                return;
            }
            end += n;
        }
    }

    private int indexOfDelimiter() {
        int last = end - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
