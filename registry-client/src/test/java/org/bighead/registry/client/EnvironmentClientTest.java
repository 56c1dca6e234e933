package org.bighead.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The environment calls of {@link RegistryClient} against a stand-in registry that answers what API.md says: the
 * requests they send, the records they read (snake_case keys), and errors as {@link RegistryException}. The calls
 * against the real server are in the registry's RegistryApiContract.
 */
class EnvironmentClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUILT = """
            {"name":"nlp","from":"java17-cpu","description":"with OpenNLP",
             "spec":{"name":"nlp","jdk":17,"maven":["org.apache.opennlp:opennlp-tools:2.5.4"],"gpu":false},
             "spec_hash":"sha256:5pec","image":"bighead/nlp:1a2b","image_digest":"sha256:abc",
             "created_by":"maya","created_at":"2026-12-06T10:00:00.000Z","built_at":"2026-12-06T10:05:00.000Z",
             "bighead_version":"0.1.0"}""";
    private static final String UNBUILT = """
            {"name":"nlp","from":"java17-cpu","description":"","spec":{},"spec_hash":null,"image":null,
             "image_digest":null,"created_by":"maya","created_at":"2026-12-06T10:00:00.000Z","built_at":null,
             "bighead_version":null}""";

    /** What the stand-in received: method, path, Authorization header, body. */
    record Received(String method, String path, String authorization, String body) {}

    private HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private int status = 200;
    private String answer = "{}";
    private RegistryClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (received) {
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        body));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (status == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        server.start();
        client = new RegistryClient("http://127.0.0.1:" + server.getAddress().getPort(), "bh_token");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    private Received last() {
        synchronized (received) {
            return received.get(received.size() - 1);
        }
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void createSendsNameFromDescriptionAndSpecWithTheToken() throws Exception {
        answer(201, UNBUILT);

        EnvironmentRecord created = client.createEnvironment(
                "nlp", "java17-cpu", "with OpenNLP", Map.of("jdk", 17, "maven", List.of("g:a:1")));

        Received r = last();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/environments");
        assertThat(r.authorization()).isEqualTo("Bearer bh_token");
        assertThat(json(r.body()))
                .isEqualTo(json("{\"name\":\"nlp\",\"from\":\"java17-cpu\",\"description\":\"with OpenNLP\","
                        + "\"spec\":{\"jdk\":17,\"maven\":[\"g:a:1\"]}}"));
        assertThat(created.built()).isFalse();
        assertThat(created.image()).isNull();
        assertThat(created.createdBy()).isEqualTo("maya");
    }

    @Test
    void aRecordIsReadFromTheRegistrysSnakeCaseKeys() throws Exception {
        answer(200, BUILT);

        EnvironmentRecord e = client.environment("nlp");

        assertThat(last().path()).isEqualTo("/api/environments/nlp");
        assertThat(e)
                .isEqualTo(new EnvironmentRecord(
                        "nlp",
                        "java17-cpu",
                        "with OpenNLP",
                        Map.of(
                                "name",
                                "nlp",
                                "jdk",
                                17,
                                "maven",
                                List.of("org.apache.opennlp:opennlp-tools:2.5.4"),
                                "gpu",
                                false),
                        "sha256:5pec",
                        "bighead/nlp:1a2b",
                        "sha256:abc",
                        "maya",
                        "2026-12-06T10:00:00.000Z",
                        "2026-12-06T10:05:00.000Z",
                        "0.1.0"));
        assertThat(e.built()).isTrue();
    }

    @Test
    void theListIsReadFromItsEnvironmentsField() throws Exception {
        answer(200, "{\"environments\":[" + BUILT + "," + UNBUILT.replace("\"nlp\"", "\"vision\"") + "]}");

        assertThat(client.environments()).extracting(EnvironmentRecord::name).containsExactly("nlp", "vision");
        assertThat(last().method()).isEqualTo("GET");
        assertThat(last().path()).isEqualTo("/api/environments");
    }

    @Test
    void recordingAnImageSendsItsDigestSpecHashAndBigheadVersion() throws Exception {
        answer(200, BUILT);

        client.recordEnvironmentImage("nlp", "bighead/nlp:1a2b", "sha256:abc", "sha256:5pec", "0.1.0");
        Received withVersion = last();
        client.recordEnvironmentImage("nlp", "bighead/nlp:1a2b", "sha256:abc", "sha256:5pec", null);

        assertThat(withVersion.method()).isEqualTo("PUT");
        assertThat(withVersion.path()).isEqualTo("/api/environments/nlp/image");
        assertThat(json(withVersion.body()))
                .isEqualTo(json("{\"image\":\"bighead/nlp:1a2b\",\"digest\":\"sha256:abc\","
                        + "\"spec_hash\":\"sha256:5pec\",\"bighead_version\":\"0.1.0\"}"));
        assertThat(json(last().body()).has("bighead_version")).isFalse();
    }

    @Test
    void deleteTakesTheRegistrysEmpty204() throws Exception {
        answer(204, "");

        client.deleteEnvironment("nlp");

        assertThat(last().method()).isEqualTo("DELETE");
        assertThat(last().path()).isEqualTo("/api/environments/nlp");
    }

    @Test
    void theRegistrysErrorsArriveWithTheirStatusAndSentence() {
        answer(404, "{\"status\":404,\"error\":\"no environment named 'nlp'\"}");
        assertThatThrownBy(() -> client.environment("nlp")).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).isEqualTo("no environment named 'nlp'");
        });

        answer(409, "{\"status\":409,\"error\":\"environment 'nlp' already exists\"}");
        assertThatThrownBy(() -> client.createEnvironment("nlp", "java17-cpu", null, Map.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("environment 'nlp' already exists");
                });

        answer(200, "{\"environments\":\"not a list\"}");
        assertThatThrownBy(() -> client.environments()).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.getMessage()).contains("does not have the shape this client expects");
        });
    }

    @Test
    void aNameIsSentAsOnePathSegment() throws Exception {
        answer(400, "{\"status\":400,\"error\":\"environment name 'a/b c' is not valid\"}");

        assertThatThrownBy(() -> client.environment("a/b c")).isInstanceOf(RegistryException.class);

        assertThat(last().path()).isEqualTo("/api/environments/a%2Fb%20c");
    }
}
