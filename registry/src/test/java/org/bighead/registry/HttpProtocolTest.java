package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** HTTP as real clients speak it: gzip accepted, HEAD, a wrong method, {@code Expect: 100-continue}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpProtocolTest {
    private TestRegistry registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) {
        registry = TestRegistry.local(dir);
        registry.admin().register("listing-price", TestBundles.first(), null);
        registry.admin().createEnvironment("nlp", "java17-cpu", "with OpenNLP", java.util.Map.of("jdk", 17));
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void aBundleDownloadedByAClientThatAcceptsGzipArrivesWholeAndMatchesItsSha256() throws Exception {
        HttpResponse<byte[]> r = http.send(
                request("/api/models/listing-price/versions/1/bundle")
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        byte[] body = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        assertThat(sha256(body))
                .isEqualTo(r.headers().firstValue("X-Bighead-SHA256").orElseThrow());
        assertThat(body).isEqualTo(Files.readAllBytes(TestBundles.first()));
    }

    @Test
    void aBundleIsSavedUnderTheNameTheWebUisDownloadLinkShows() throws Exception {
        HttpResponse<Void> r = http.send(
                request("/api/models/listing-price/versions/1/bundle").build(), HttpResponse.BodyHandlers.discarding());

        // views/version.js: <a download="listing-price-v1.bighead">listing-price-v1.bighead</a>
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"listing-price-v1.bighead\"");
    }

    @Test
    void headAnswersWithTheStatusAndHeadersOfGetButNoBody() throws Exception {
        for (String path : new String[] {
            "/api/health",
            "/api/models/listing-price",
            "/api/models/no-such-model",
            "/api/models/listing-price/versions/9",
            "/api/models/listing-price/versions/1/bundle",
            "/api/environments",
            "/api/environments/nlp",
            "/api/environments/no-such-env",
            "/api/environments/Not-A-Name"
        }) {
            HttpResponse<byte[]> get = http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> head = http.send(
                    request(path)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
            assertThat(head.headers().firstValue("Content-Type"))
                    .as("HEAD " + path)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.headers().firstValueAsLong("Content-Length"))
                    .as("HEAD " + path)
                    .hasValue(get.body().length);
            assertThat(head.body()).as("HEAD " + path).isEmpty();
        }
        HttpResponse<String> unknown = send("HEAD", "/api/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEmpty();
    }

    @Test
    void aWrongMethodOnAKnownPathIsA405ThatListsTheAllowedOnes() throws Exception {
        HttpResponse<String> models = send("DELETE", "/api/models");
        HttpResponse<String> alias = send("PATCH", "/api/models/listing-price/aliases/champion");
        HttpResponse<String> unknown = send("DELETE", "/api/nothing");

        RegistryApiContract.assertError(models, 405, "DELETE");
        assertThat(models.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        RegistryApiContract.assertError(alias, 405, "GET, HEAD, PUT, DELETE");
        assertThat(alias.headers().firstValue("Allow")).hasValue("GET, HEAD, PUT, DELETE");
        RegistryApiContract.assertError(unknown, 404, "no such endpoint");
        for (String[] wrong : new String[][] {
            {"DELETE", "/api/environments", "GET, HEAD, POST"},
            {"PUT", "/api/environments/nlp", "GET, HEAD, DELETE"},
            {"POST", "/api/environments/nlp", "GET, HEAD, DELETE"},
            {"GET", "/api/environments/nlp/image", "PUT"},
            {"DELETE", "/api/environments/nlp/image", "PUT"}
        }) {
            HttpResponse<String> r = send(wrong[0], wrong[1]);
            RegistryApiContract.assertError(
                    r, 405, wrong[0] + " is not allowed on " + wrong[1] + "; it takes " + wrong[2]);
            assertThat(r.headers().firstValue("Allow"))
                    .as(wrong[0] + " " + wrong[1])
                    .hasValue(wrong[2]);
        }
        for (String method : new String[] {"PUT", "DELETE", "OPTIONS"}) {
            HttpResponse<String> history = send(method, "/api/models/listing-price/aliases/history");
            RegistryApiContract.assertError(history, 405, "GET, HEAD");
            assertThat(history.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
        }
    }

    @Test
    void anUploadWithoutATokenIsRefusedBeforeTheServerAsksForTheBody() throws Exception {
        URI uri = URI.create(registry.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/models/listing-price/versions HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n"
                            + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n"
                            + "Expect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());

            assertThat(head).startsWith("HTTP/1.1 401").doesNotContain("100 Continue");
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder s = new StringBuilder();
        while (!s.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            s.append((char) b);
        }
        return s.toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(registry.url() + path));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                request(path)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
