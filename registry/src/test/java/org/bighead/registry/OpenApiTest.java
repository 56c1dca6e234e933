package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import org.bighead.registry.api.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/openapi.json describes every route the server registers, and the UI is served at /. */
class OpenApiTest {
    @Test
    void everyRegisteredRouteIsInTheOpenApiDocument(@TempDir Path dir) throws Exception {
        try (TestRegistry registry = TestRegistry.local(dir)) {
            JsonNode doc =
                    Json.MAPPER.readTree(get(registry, "/api/openapi.json").body());

            assertThat(doc.path("openapi").asText()).startsWith("3.");
            assertThat(registry.app.routes()).hasSizeGreaterThan(15);
            for (Route r : registry.app.routes()) {
                assertThat(doc.path("paths").path(r.path()).has(r.method().toLowerCase(Locale.ROOT)))
                        .as(r.method() + " " + r.path() + " in openapi.json")
                        .isTrue();
            }
            int documented = 0;
            for (JsonNode path : doc.path("paths")) {
                documented += path.size();
            }
            assertThat(documented)
                    .as("no documented route the server lacks")
                    .isEqualTo(registry.app.routes().size());
        }
    }

    @Test
    void theDocumentSaysWhatTheServerEnforces(@TempDir Path dir) throws Exception {
        try (TestRegistry registry = TestRegistry.local(dir)) {
            JsonNode doc =
                    Json.MAPPER.readTree(get(registry, "/api/openapi.json").body());
            JsonNode alias = doc.at("/paths/~1api~1models~1{name}~1aliases~1{alias}");

            for (Route r : registry.app.routes()) {
                JsonNode op = doc.path("paths").path(r.path()).path(r.method().toLowerCase(Locale.ROOT));
                for (String status : new String[] {"400", "401", "403", "404", "409", "413", "414", "503"}) {
                    assertThat(op.path("responses").has(status))
                            .as(r.method() + " " + r.path() + " " + status)
                            .isTrue();
                }
                boolean environment = r.path().startsWith("/api/environments/");
                for (JsonNode p : op.path("parameters")) {
                    if (p.path("name").asText().equals("name")) {
                        assertThat(p.path("schema").path("maxLength").asInt()).isEqualTo(environment ? 63 : 64);
                        assertNamePatternAgreesWithTheServer(
                                p.path("schema").path("pattern").asText(),
                                p.path("schema").path("maxLength").asInt(),
                                environment ? Names::environment : Names::model);
                    }
                    if (p.path("name").asText().equals("version")) {
                        assertThat(p.path("schema").path("minimum").asInt()).isEqualTo(1);
                        assertThat(p.path("schema").path("maximum").asLong()).isEqualTo(Integer.MAX_VALUE);
                    }
                }
            }
            assertThat(doc.at("/paths/~1api~1models~1{name}~1versions/post/responses")
                            .has("200"))
                    .isTrue();
            assertThat(alias.at("/put/responses").has("405")).isTrue();
            assertThat(doc.at("/components/schemas/VersionInfo/properties/force/type")
                            .asText())
                    .isEqualTo("boolean");
        }
    }

    private static void assertNamePatternAgreesWithTheServer(
            String pattern, int maxLength, java.util.function.Consumer<String> server) {
        java.util.regex.Pattern documented = java.util.regex.Pattern.compile(pattern);
        for (String name : new String[] {
            "listing-price",
            "a",
            "a.b",
            "a.",
            "0_x-y",
            "x".repeat(63),
            "x".repeat(64),
            "x".repeat(65),
            "a..b",
            ".a",
            "-a",
            "_a",
            "A",
            "a/b",
            "é",
            ""
        }) {
            boolean accepted;
            try {
                server.accept(name);
                accepted = true;
            } catch (org.bighead.http.HttpError e) {
                accepted = false;
            }
            assertThat(documented.matcher(name).find() && name.length() <= maxLength)
                    .as(name)
                    .isEqualTo(accepted);
        }
    }

    @Test
    void theUiIsServedAtTheRootAsHtml(@TempDir Path dir) throws Exception {
        try (TestRegistry registry = TestRegistry.local(dir)) {
            HttpResponse<String> index = get(registry, "/");

            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(index.body()).containsIgnoringCase("<html");
        }
    }

    static HttpResponse<String> get(TestRegistry registry, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(registry.url() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
