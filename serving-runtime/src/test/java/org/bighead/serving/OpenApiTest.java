package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * /openapi.json documents every route the server registers, and only those, for the model it serves: its name and
 * version, its input columns typed (booleans as boolean), which are required, and what --strict refuses.
 */
class OpenApiTest {

    @Test
    void everyRegisteredRouteAppearsInTheOpenApiDocumentWithItsMethod() {
        try (TestServer s = TestServer.start(
                TestModels.save(TestModels.price(), "listing-price"), c -> c.withReferenceEndpoint(true))) {
            JsonNode doc = s.get("/openapi.json").json();
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            JsonNode paths = doc.get("paths");
            assertThat(s.server.routes()).hasSizeGreaterThan(10);
            for (String route : s.server.routes()) {
                String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
                String path = route.substring(route.indexOf(' ') + 1);
                if (method.equals("head")) {
                    // HEAD mirrors GET, as HTTP has it; the document lists the GET
                    assertThat(s.server.routes()).contains("GET " + path);
                    continue;
                }
                assertThat(paths.has(path)).as("%s is documented", path).isTrue();
                assertThat(paths.get(path).has(method))
                        .as("%s is documented", route)
                        .isTrue();
            }
            assertThat(paths.size())
                    .as("documented paths that are not routes")
                    .isEqualTo(s.server.routes().stream()
                            .map(r -> r.substring(r.indexOf(' ') + 1))
                            .distinct()
                            .count());
        }
    }

    @Test
    void theReferenceEndpointIsDocumentedOnlyWhenServed() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"))) {
            assertThat(s.get("/openapi.json").json().get("paths").has("/reference/constant"))
                    .isFalse();
            assertThat(s.post("/reference/constant", "{}").status()).isEqualTo(404);
        }
    }

    @Test
    void theDocumentNamesTheServedModelAndTypesItsColumns() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"))) {
            JsonNode doc = s.get("/openapi.json").json();
            JsonNode predict = doc.get("paths")
                    .get("/v2/models/{name}/versions/{version}/predict")
                    .get("post");
            assertThat(predict.get("parameters")
                            .get(0)
                            .get("schema")
                            .get("enum")
                            .get(0)
                            .asText())
                    .isEqualTo("listing-price");
            assertThat(predict.get("parameters")
                            .get(1)
                            .get("schema")
                            .get("enum")
                            .get(0)
                            .asText())
                    .isEqualTo(s.server.models().current().version());
            assertThat(predict.get("responses").fieldNames())
                    .toIterable()
                    .containsExactly("200", "400", "404", "413", "414", "503");
            JsonNode row = doc.get("components")
                    .get("schemas")
                    .get("PredictRequest")
                    .get("properties")
                    .get("instances")
                    .get("items");
            // lenient scoring also reads 1 for true and "2" for 2, as the notebook does: the column's own type first
            assertThat(row.get("properties")
                            .get("host_is_superhost")
                            .get("anyOf")
                            .get(0)
                            .get("type")
                            .asText())
                    .isEqualTo("boolean");
            assertThat(row.get("properties")
                            .get("bedrooms")
                            .get("anyOf")
                            .get(0)
                            .get("type")
                            .asText())
                    .isEqualTo("number");
            assertThat(row.get("properties")
                            .get("room_type")
                            .get("anyOf")
                            .get(0)
                            .get("type")
                            .asText())
                    .isEqualTo("string");
            assertThat(row.get("required").findValuesAsText("")).isEmpty();
            List<String> required = new java.util.ArrayList<>();
            row.get("required").forEach(n -> required.add(n.asText()));
            assertThat(required)
                    .containsExactly("accommodates", "number_of_reviews", "minimum_nights", "instant_bookable");
            assertThat(row.get("additionalProperties").booleanValue())
                    .as("unknown columns are warned of")
                    .isTrue();
            assertThat(doc.get("components")
                            .get("schemas")
                            .get("PredictResponse")
                            .get("properties")
                            .has("warnings"))
                    .isTrue();

            JsonNode example =
                    doc.get("components").get("schemas").get("PredictRequest").get("example");
            TestServer.Response r = s.post("/v2/models/listing-price/predict", example.toString());
            assertThat(r.status())
                    .as("the documented example is answered: %s", r.body())
                    .isEqualTo(200);
            JsonNode inferExample =
                    doc.get("components").get("schemas").get("InferenceRequest").get("example");
            assertThat(s.post("/v2/models/listing-price/infer", inferExample.toString())
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void underStrictEveryColumnIsRequiredAndNoOtherIsAllowed() {
        try (TestServer s =
                TestServer.start(TestModels.save(TestModels.price(), "listing-price"), c -> c.withStrict(true))) {
            JsonNode row = s.get("/openapi.json")
                    .json()
                    .get("components")
                    .get("schemas")
                    .get("PredictRequest")
                    .get("properties")
                    .get("instances")
                    .get("items");
            assertThat(row.get("required"))
                    .hasSize(TestModels.price().inputSchema().fields().size());
            assertThat(row.get("additionalProperties").booleanValue()).isFalse();
            assertThat(row.get("properties")
                            .get("host_is_superhost")
                            .get("type")
                            .asText())
                    .isEqualTo("boolean");
            assertThat(row.get("properties").get("bedrooms").get("type").asText())
                    .isEqualTo("number");
            assertThat(row.get("properties").get("room_type").get("enum").findValuesAsText(""))
                    .isEmpty();
            assertThat(row.get("properties").get("room_type").get("enum").get(0).asText())
                    .isEqualTo("Entire home/apt");
        }
    }
}
