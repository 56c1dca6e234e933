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
            JsonNode doc = Json.MAPPER.readTree(get(registry, "/api/openapi.json").body());

            assertThat(doc.path("openapi").asText()).startsWith("3.");
            assertThat(registry.app.routes()).hasSizeGreaterThan(15);
            for (Route r : registry.app.routes()) {
                assertThat(doc.path("paths").path(r.path()).has(r.method().toLowerCase(Locale.ROOT)))
                        .as(r.method() + " " + r.path() + " in openapi.json").isTrue();
            }
            int documented = 0;
            for (JsonNode path : doc.path("paths")) {
                documented += path.size();
            }
            assertThat(documented).as("no documented route the server lacks").isEqualTo(registry.app.routes().size());
        }
    }

    @Test
    void theUiIsServedAtTheRootAsHtml(@TempDir Path dir) throws Exception {
        try (TestRegistry registry = TestRegistry.local(dir)) {
            HttpResponse<String> index = get(registry, "/");

            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(index.body()).containsIgnoringCase("<html");
        }
    }

    static HttpResponse<String> get(TestRegistry registry, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
