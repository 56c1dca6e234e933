package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Open Inference Protocol (KServe v2) shapes: health, server and model metadata, readiness, infer. */
class InferenceProtocolTest {
    static TestServer s;
    static String version;

    @BeforeAll
    static void start() {
        s = TestServer.start(TestModels.save(TestModels.booked(), "listing-booked"));
        version = s.server.models().current().version();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void healthEndpointsAnswer200() {
        assertThat(s.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(s.get("/v2/health/ready").json().get("ready").booleanValue()).isTrue();
        assertThat(s.get("/v2/models/listing-booked/ready").status()).isEqualTo(200);
        assertThat(s.get("/v2/models/listing-booked/versions/" + version + "/ready")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void serverMetadataHasNameVersionAndExtensions() {
        JsonNode meta = s.get("/v2").json();
        assertThat(meta.get("name").asText()).isEqualTo("bighead-serving");
        assertThat(meta.get("version").isTextual()).isTrue();
        assertThat(meta.get("extensions").isArray()).isTrue();
        assertThat(meta.get("extensions").findValuesAsText("")).isEmpty();
        assertThat(meta.get("extensions").get(0).asText()).isEqualTo("binary_tensor_data");
    }

    @Test
    void booleanInputsAreTypedBoolAndTakeBooleanValues() {
        JsonNode meta = s.get("/v2/models/listing-booked").json();
        assertThat(tensor(meta.get("inputs"), "host_is_superhost")
                        .get("datatype")
                        .asText())
                .isEqualTo("BOOL");
        assertThat(tensor(meta.get("inputs"), "instant_bookable")
                        .get("datatype")
                        .asText())
                .isEqualTo("BOOL");
        String request = PredictionParityTest.inferRequest(List.of(TestModels.goodRow()), TestModels.booked());
        assertThat(request)
                .contains("\"name\":\"host_is_superhost\",\"shape\":[1],\"datatype\":\"BOOL\"," + "\"data\":[true]");
        JsonNode reply = s.post("/v2/models/listing-booked/infer", request).json();
        assertThat(reply.get("outputs").get(0).get("data").get(0).asText())
                .isEqualTo(TestModels.booked().predict(TestModels.goodRow()).label());
    }

    @Test
    void headAnswersWhatGetAnswersWithoutTheBody() throws Exception {
        for (String path : List.of(
                "/v2/health/ready",
                "/v2",
                "/v2/models/listing-booked",
                "/v2/models/house-price",
                "/v2/models/listing-booked/versions/999/ready",
                "/openapi.json",
                "/metrics",
                "/v3/nothing")) {
            TestServer.Response get = s.get(path);
            TestServer.Response head = s.send(java.net.http.HttpRequest.newBuilder(s.uri(path))
                    .timeout(TestServer.TIMEOUT)
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build());
            assertThat(head.status()).as("HEAD %s", path).isEqualTo(get.status());
            assertThat(head.headers().firstValue("Content-Type"))
                    .as("HEAD %s", path)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void aWrongMethodOnAKnownPathIs405WithAllow() {
        TestServer.Response get = s.get("/v2/models/listing-booked/infer");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.json().get("error").asText())
                .isEqualTo("GET is not allowed on /v2/models/listing-booked/infer;" + " it takes POST");
        TestServer.Response post = s.post("/v2/models/listing-booked", "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void modelMetadataListsTheBundleInputsWithTheirDatatypesAndTheOutputs() {
        JsonNode meta = s.get("/v2/models/listing-booked").json();
        assertThat(meta.get("name").asText()).isEqualTo("listing-booked");
        assertThat(meta.get("versions").get(0).asText()).isEqualTo(version);
        assertThat(meta.get("inputs"))
                .hasSize(TestModels.booked().inputSchema().fields().size());
        assertThat(tensor(meta.get("inputs"), "bedrooms").get("datatype").asText())
                .isEqualTo("FP64");
        assertThat(tensor(meta.get("inputs"), "room_type").get("datatype").asText())
                .isEqualTo("BYTES");
        assertThat(tensor(meta.get("inputs"), "room_type").get("shape").get(0).intValue())
                .isEqualTo(-1);
        assertThat(meta.get("outputs").findValuesAsText("name"))
                .containsExactly("predictions", "probability(false)", "probability(true)");
        assertThat(tensor(meta.get("outputs"), "predictions").get("datatype").asText())
                .isEqualTo("BYTES");
        assertThat(s.get("/v2/models/listing-booked/versions/" + version).json())
                .isEqualTo(meta);
    }

    @Test
    void inferEchoesTheIdAndNamesModelAndVersion() {
        String request = PredictionParityTest.inferRequest(TestModels.rows(3), TestModels.booked());
        JsonNode reply = s.post("/v2/models/listing-booked/versions/" + version + "/infer", request)
                .json();
        assertThat(reply.get("id").asText()).isEqualTo("parity-1");
        assertThat(reply.get("model_name").asText()).isEqualTo("listing-booked");
        assertThat(reply.get("model_version").asText()).isEqualTo(version);
        assertThat(reply.get("outputs").get(0).get("shape").get(0).intValue()).isEqualTo(3);
    }

    @Test
    void inferReturnsOnlyTheRequestedOutputs() {
        String full = PredictionParityTest.inferRequest(TestModels.rows(2), TestModels.booked());
        String request = full.substring(0, full.length() - 1) + ",\"outputs\":[{\"name\":\"probability(true)\"}]}";
        JsonNode reply = s.post("/v2/models/listing-booked/infer", request).json();
        assertThat(reply.get("outputs").findValuesAsText("name")).containsExactly("probability(true)");
    }

    @Test
    void recordsEndpointNamesModelAndVersion() {
        JsonNode reply = s.post(
                        "/v2/models/listing-booked/predict", TestServer.instances(List.of(TestModels.goodRow())))
                .json();
        assertThat(reply.get("model").asText()).isEqualTo("listing-booked");
        assertThat(reply.get("version").asText()).isEqualTo(version);
        assertThat(reply.get("predictions").get(0).asText()).isIn("true", "false");
        assertThat(reply.get("probabilities").get(0).fieldNames()).toIterable().containsExactly("false", "true");
    }

    @Test
    void anUnknownModelOrVersionIs404WithAJsonMessage() {
        TestServer.Response model = s.get("/v2/models/house-price");
        assertThat(model.status()).isEqualTo(404);
        assertThat(model.json().get("error").asText()).contains("house-price").contains("listing-booked");
        TestServer.Response v = s.post(
                "/v2/models/listing-booked/versions/999/predict", TestServer.instances(List.of(TestModels.goodRow())));
        assertThat(v.status()).isEqualTo(404);
        assertThat(v.json().get("error").asText()).contains("999").contains(version);
        assertThat(s.get("/v3/nothing").json().get("status").intValue()).isEqualTo(404);
    }

    private static JsonNode tensor(JsonNode tensors, String name) {
        for (JsonNode t : tensors) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no tensor " + name + " in " + tensors);
    }
}
