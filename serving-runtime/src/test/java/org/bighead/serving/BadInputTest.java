package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input of every kind gets a 4xx whose JSON names the column when there is one; never a 5xx, never a stack
 * trace. The server runs with --strict, so an unseen category is an error too.
 */
class BadInputTest {
    static TestServer s;
    static final String PREDICT = "/v2/models/listing-price/predict";
    static final String INFER = "/v2/models/listing-price/infer";

    @BeforeAll
    static void start() {
        s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"), c -> c.withStrict(true));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static String row(Consumer<Map<String, Object>> change) {
        Map<String, Object> row = new LinkedHashMap<>(TestModels.goodRow());
        change.accept(row);
        return TestServer.instances(List.of(row));
    }

    static String tensor(String name, String datatype, Object shape, Object data) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("datatype", datatype);
        t.put("shape", shape);
        t.put("data", data);
        return TestServer.json(Map.of("inputs", List.of(t)));
    }

    static Stream<Arguments> cases() {
        String huge = "9".repeat(400);
        return Stream.of(
                // description, path, body, status, column named (or null)
                Arguments.of(
                        "a word where a number goes", PREDICT, row(r -> r.put("bedrooms", "two")), 400, "bedrooms"),
                Arguments.of(
                        "an object where a number goes",
                        PREDICT,
                        row(r -> r.put("bedrooms", Map.of("n", 2))),
                        400,
                        "bedrooms"),
                Arguments.of(
                        "an array where a string goes",
                        PREDICT,
                        row(r -> r.put("room_type", List.of("a"))),
                        400,
                        "room_type"),
                Arguments.of(
                        "null in a column never missing in training",
                        PREDICT,
                        row(r -> r.put("accommodates", null)),
                        400,
                        "accommodates"),
                Arguments.of(
                        "a required column left out",
                        PREDICT,
                        row(r -> r.remove("minimum_nights")),
                        400,
                        "minimum_nights"),
                Arguments.of(
                        "an unseen category with --strict",
                        PREDICT,
                        row(r -> r.put("room_type", "Castle")),
                        400,
                        "room_type"),
                Arguments.of(
                        "a number for a text column with --strict",
                        PREDICT,
                        row(r -> r.put("neighbourhood", 5)),
                        400,
                        "neighbourhood"),
                Arguments.of(
                        "a boolean for a text column with --strict",
                        PREDICT,
                        row(r -> r.put("room_type", false)),
                        400,
                        "room_type"),
                Arguments.of(
                        "unicode in an unseen category",
                        PREDICT,
                        row(r -> r.put("neighbourhood", "Ünïcødé 🏠 \u0000")),
                        400,
                        "neighbourhood"),
                Arguments.of(
                        "a number too large for a double",
                        PREDICT,
                        row(r -> r.put("bedrooms", 0)).replace("\"bedrooms\":0", "\"bedrooms\":1e309"),
                        400,
                        "bedrooms"),
                Arguments.of(
                        "a negative overflow",
                        PREDICT,
                        row(r -> r.put("bedrooms", 0)).replace("\"bedrooms\":0", "\"bedrooms\":-1e400"),
                        400,
                        "bedrooms"),
                Arguments.of(
                        "NaN as text in a column never missing in training",
                        PREDICT,
                        row(r -> r.put("accommodates", "NaN")),
                        400,
                        "accommodates"),
                Arguments.of(
                        "a 400-digit number",
                        PREDICT,
                        row(r -> r.put("bedrooms", 0)).replace("\"bedrooms\":0", "\"bedrooms\":" + huge),
                        400,
                        null),
                Arguments.of("a 400-digit number as text", PREDICT, row(r -> r.put("bedrooms", huge)), 400, "bedrooms"),
                Arguments.of(
                        "NaN, not JSON",
                        PREDICT,
                        row(r -> r.put("bedrooms", 0)).replace("\"bedrooms\":0", "\"bedrooms\":NaN"),
                        400,
                        null),
                Arguments.of("a trailing comma", PREDICT, row(r -> {}).replace("}]}", ",}]}"), 400, null),
                Arguments.of(
                        "a column given twice",
                        PREDICT,
                        row(r -> {}).replace("{\"neighbourhood\"", "{\"bedrooms\":1,\"neighbourhood\""),
                        400,
                        null),
                Arguments.of(
                        "Infinity, not JSON",
                        INFER,
                        "{\"inputs\": [{\"name\": \"bedrooms\", \"data\": [Infinity]}]}",
                        400,
                        null),
                Arguments.of("an empty body", PREDICT, "", 400, null),
                Arguments.of("whitespace only", PREDICT, "   \n", 400, null),
                Arguments.of("truncated JSON", PREDICT, row(r -> {}).substring(0, 40), 400, null),
                Arguments.of("trailing garbage", PREDICT, row(r -> {}) + " {}", 400, null),
                Arguments.of("not JSON at all", PREDICT, "bedrooms=2", 400, null),
                Arguments.of("a top-level array", PREDICT, "[{\"bedrooms\": 2}]", 400, null),
                Arguments.of("a top-level string", PREDICT, "\"hello\"", 400, null),
                Arguments.of("no instances", PREDICT, "{\"rows\": []}", 400, null),
                Arguments.of("instances not an array", PREDICT, "{\"instances\": {\"bedrooms\": 2}}", 400, null),
                Arguments.of("an instance that is not an object", PREDICT, "{\"instances\": [1, 2]}", 400, null),
                Arguments.of("no rows", PREDICT, "{\"instances\": []}", 400, null),
                Arguments.of(
                        "deeply nested arrays",
                        PREDICT,
                        "{\"instances\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                        400,
                        null),
                Arguments.of("infer: inputs not an array", INFER, "{\"inputs\": 7}", 400, null),
                Arguments.of("infer: id not a string", INFER, "{\"id\": 5, \"inputs\": []}", 400, null),
                Arguments.of(
                        "infer: unknown input", INFER, tensor("floors", "FP64", List.of(1), List.of(2)), 400, "floors"),
                Arguments.of(
                        "infer: unknown datatype",
                        INFER,
                        tensor("bedrooms", "FLOAT", List.of(1), List.of(2)),
                        400,
                        "bedrooms"),
                Arguments.of(
                        "infer: shape and data disagree",
                        INFER,
                        tensor("bedrooms", "FP64", List.of(3), List.of(2)),
                        400,
                        "bedrooms"),
                Arguments.of(
                        "infer: a 2-d shape",
                        INFER,
                        tensor("bedrooms", "FP64", List.of(1, 2), List.of(2, 3)),
                        400,
                        "bedrooms"),
                Arguments.of(
                        "infer: data not an array",
                        INFER,
                        tensor("bedrooms", "FP64", List.of(1), "2"),
                        400,
                        "bedrooms"),
                Arguments.of(
                        "infer: a word in an FP64 tensor",
                        INFER,
                        PredictionParityTest.inferRequest(List.of(withBedrooms("two")), TestModels.price()),
                        400,
                        "bedrooms"),
                Arguments.of(
                        "infer: a required input left out",
                        INFER,
                        tensor("bedrooms", "FP64", List.of(1), List.of(2)),
                        400,
                        null));
    }

    private static Map<String, Object> withBedrooms(Object value) {
        Map<String, Object> row = new LinkedHashMap<>(TestModels.goodRow());
        row.put("bedrooms", value);
        return row;
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("cases")
    void badInputIsA4xxThatSaysWhatIsWrong(String what, String path, String body, int status, String column) {
        TestServer.Response r = s.post(path, body);
        assertThat(r.status()).as("%s: %s", what, r.body()).isEqualTo(status);
        assertThat(r.json().get("status").intValue()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isNotBlank();
        if (column != null) {
            assertThat(r.json().get("column").asText()).isEqualTo(column);
            assertThat(r.json().get("error").asText()).contains(column);
        }
        assertNoStackTrace(r);
    }

    @Test
    void nanInTheBodyIsToldAsTheInputsFaultWithItsPosition() {
        TestServer.Response r = s.post(PREDICT, "{\"instances\": [{\"bedrooms\": NaN}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText())
                .startsWith("the request body is not valid JSON at line 1, column ")
                .endsWith(": NaN is not a JSON number; send null for a missing value");
    }

    @Test
    void aTenMegabyteBodyIs413WhetherItsLengthIsDeclaredOrStreamed() {
        byte[] big = new byte[10 << 20];
        java.util.Arrays.fill(big, (byte) ' ');
        TestServer.Response declared = s.post(PREDICT, HttpRequest.BodyPublishers.ofByteArray(big));
        assertThat(declared.status()).isEqualTo(413);
        assertNoStackTrace(declared);
        TestServer.Response streamed = s.post(PREDICT, HttpRequest.BodyPublishers.ofInputStream(() ->
                (InputStream) new ByteArrayInputStream(big))); // chunked: no length up front
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.json().get("error").asText()).contains("--max-body");
        assertThat(s.post(PREDICT, row(r -> {})).status())
                .as("the server is fine afterwards")
                .isEqualTo(200);
    }

    @Test
    void unicodeInAKnownFreeTextColumnIsScored() {
        TestServer.Response r = s.post(PREDICT, row(row -> row.put("amenities", "wifi 🏠 Küche \u2028 中文")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("predictions").get(0).isNumber()).isTrue();
    }

    @Test
    void aHugeIntegerThatFitsADoubleIsScoredLikeTheNotebookWould() {
        String body = row(r -> r.put("number_of_reviews", 0))
                .replace("\"number_of_reviews\":0", "\"number_of_reviews\":123456789012345678901234567890");
        TestServer.Response r = s.post(PREDICT, body);
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> row = new LinkedHashMap<>(TestModels.goodRow());
        row.put("number_of_reviews", new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(r.json().get("predictions").get(0).doubleValue())
                .isEqualTo(TestModels.price().predict(row).value());
    }

    @Test
    void wrongMethodAndUnknownPathAreJsonErrorsToo() {
        TestServer.Response wrongMethod = s.get(PREDICT);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("status").intValue()).isEqualTo(405);
        TestServer.Response unknown = s.post("/v2/models/listing-price/explain", "{}");
        assertThat(unknown.status()).isIn(404, 405);
        assertNoStackTrace(unknown);
    }

    @ParameterizedTest(name = "GET {0} → 400 JSON")
    @ValueSource(strings = {"/v2/models/%ZZ", "/v2/models/listing%00price", "/v2/models/%00/infer", "/v2/%2e%2e/x%00"})
    void aPathJettyRefusesBeforeRoutingIsAJsonErrorToo(String path) throws Exception {
        RawResponse r = rawGet(path);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.headers().toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        TestServer.Response parsed = new TestServer.Response(r.status(), r.body(), null);
        assertThat(parsed.json().get("status").intValue()).isEqualTo(400);
        assertThat(parsed.json().get("error").asText()).startsWith("the request was refused: ");
        assertThat(r.body()).doesNotContain("<html", "<HTML");
        assertNoStackTrace(parsed);
        assertThat(s.post(PREDICT, row(x -> {})).status())
                .as("the server is fine afterwards")
                .isEqualTo(200);
    }

    record RawResponse(int status, String headers, String body) {
        String text() {
            return headers + "\r\n\r\n" + body;
        }
    }

    /** A GET sent as raw bytes: java.net.URI would refuse these paths before they left the client. */
    static RawResponse rawGet(String path) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.server.port())) {
            socket.setSoTimeout((int) TestServer.TIMEOUT.toMillis());
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String body = split < 0 ? "" : all.substring(split + 4);
            return new RawResponse(Integer.parseInt(head.split(" ", 3)[1]), head, body);
        }
    }

    static void assertNoStackTrace(TestServer.Response r) {
        assertThat(r.status()).isLessThan(500);
        assertThat(r.body()).doesNotContain("\tat ", "at org.", "at java.", "Exception:", ".java:");
        // the input's terms, not the parser's: no feature to enable, no Java type
        assertThat(r.body()).doesNotContain("`", "Feature", "enable ", "JsonNode", "com.fasterxml", "Source:");
        assertThat(r.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(2000);
    }
}
