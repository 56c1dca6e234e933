package org.bighead.serving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A POST whose body the test sends in two parts over a plain socket: between them the server is handling the
 * request (and holds an in-flight permit) while the rest of the body has not arrived. Lets tests hold requests in
 * flight without depending on timing.
 */
final class SlowUpload implements AutoCloseable {
    private final Socket socket;
    private final byte[] rest;

    /** Sends the headers and {@code body}'s first {@code firstBytes} bytes. */
    SlowUpload(TestServer s, String path, String body, int firstBytes) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        this.rest = java.util.Arrays.copyOfRange(bytes, firstBytes, bytes.length);
        URI uri = s.uri(path);
        try {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout((int) TestServer.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, firstBytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the rest of the body and reads the response (deadline 30 s). */
    TestServer.Response finish() throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(rest);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String status = in.readLine();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int length = 0;
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.put(name, List.of(value));
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            }
        }
        char[] body = new char[length]; // the bodies here are ASCII JSON: characters = bytes
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new TestServer.Response(
                Integer.parseInt(status.split(" ")[1]),
                new String(body, 0, read),
                java.net.http.HttpHeaders.of(headers, (a, b) -> true));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
