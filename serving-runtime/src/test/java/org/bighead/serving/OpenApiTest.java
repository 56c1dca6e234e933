package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** /openapi.json documents every route the server registers, and only those. */
class OpenApiTest {

    @Test
    void everyRegisteredRouteAppearsInTheOpenApiDocumentWithItsMethod() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"),
                c -> c.withReferenceEndpoint(true))) {
            JsonNode doc = s.get("/openapi.json").json();
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            JsonNode paths = doc.get("paths");
            assertThat(s.server.routes()).hasSizeGreaterThan(10);
            for (String route : s.server.routes()) {
                String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
                String path = route.substring(route.indexOf(' ') + 1);
                assertThat(paths.has(path)).as("%s is documented", path).isTrue();
                assertThat(paths.get(path).has(method)).as("%s is documented", route).isTrue();
            }
            assertThat(paths.size()).as("documented paths that are not routes")
                    .isEqualTo(s.server.routes().stream().map(r -> r.substring(r.indexOf(' ') + 1)).distinct().count());
        }
    }
}
