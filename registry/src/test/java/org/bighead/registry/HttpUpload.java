package org.bighead.registry;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A hand-made multipart upload, for requests the real client would never send (wrong hash, odd names). */
record HttpUpload(String url, String token) {
    HttpResponse<String> send(String rawModelSegment, String infoJson, byte[] bundle) throws Exception {
        String boundary = "test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"info\"\r\n\r\n" + infoJson + "\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"b.bighead\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(bundle);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/models/" + rawModelSegment + "/versions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
