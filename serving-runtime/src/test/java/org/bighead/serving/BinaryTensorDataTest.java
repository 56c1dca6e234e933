package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Prediction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binary tensor data extension as Triton's clients send it: a JSON header of Inference-Header-Content-Length
 * bytes, then each input's raw little-endian bytes (BOOL one byte, BYTES length-prefixed); outputs asked for as
 * binary come back the same way. Sizes that do not add up are a 400 that says so.
 */
class BinaryTensorDataTest {
    static TestServer s;
    static final String INFER = "/v2/models/listing-booked/infer";
    static final FittedPipeline MODEL = TestModels.booked();
    /** Held-out rows whose booleans are known (BOOL binary data has no null). */
    static final List<Map<String, Object>> ROWS = TestModels.rows(40).stream()
            .filter(r -> r.get("host_is_superhost") != null && r.get("instant_bookable") != null)
            .limit(5)
            .toList();

    @BeforeAll
    static void start() {
        s = TestServer.start(TestModels.save(MODEL, "listing-booked"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** A request with every input as binary data (missing numbers as NaN, missing text as ""). */
    static byte[][] binaryRequest(List<Map<String, Object>> rows, String outputs) {
        List<Object> inputs = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Field f : MODEL.inputSchema().fields()) {
            String datatype = InputTypes.datatype(f);
            byte[] bytes =
                    encode(datatype, rows.stream().map(r -> r.get(f.name())).toList());
            data.writeBytes(bytes);
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("name", f.name());
            tensor.put("shape", List.of(rows.size()));
            tensor.put("datatype", datatype);
            tensor.put("parameters", Map.of("binary_data_size", bytes.length));
            inputs.add(tensor);
        }
        String json = TestServer.json(Map.of("inputs", inputs)).replaceFirst("}$", outputs + "}");
        return new byte[][] {json.getBytes(StandardCharsets.UTF_8), data.toByteArray()};
    }

    static byte[] encode(String datatype, List<Object> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object v : values) {
            ByteBuffer b;
            switch (datatype) {
                case "BOOL" -> b = ByteBuffer.allocate(1).put((byte) (Boolean.TRUE.equals(v) ? 1 : 0));
                case "FP64" ->
                    b = ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putDouble(v == null ? Double.NaN : ((Number) v).doubleValue());
                default -> {
                    byte[] text = (v == null ? "" : v.toString()).getBytes(StandardCharsets.UTF_8);
                    b = ByteBuffer.allocate(4 + text.length)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(text.length)
                            .put(text);
                }
            }
            out.writeBytes(b.array());
        }
        return out.toByteArray();
    }

    static HttpResponse<byte[]> send(byte[] json, byte[] data, String headerLength) {
        byte[] body = new byte[json.length + data.length];
        System.arraycopy(json, 0, body, 0, json.length);
        System.arraycopy(data, 0, body, json.length, data.length);
        HttpRequest.Builder request = HttpRequest.newBuilder(s.uri(INFER))
                .timeout(TestServer.TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headerLength != null) {
            request.header("Inference-Header-Content-Length", headerLength);
        }
        try {
            return s.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(byte[] bytes, int length) {
        try {
            return JsonBodies.MAPPER.readTree(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void binaryInputsAndBinaryOutputsGiveTheNotebooksPredictions() {
        byte[][] request = binaryRequest(ROWS, ",\"parameters\":{\"binary_data_output\":true}");
        HttpResponse<byte[]> r = send(request[0], request[1], Integer.toString(request[0].length));
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/octet-stream"));
        int headerLength = Integer.parseInt(
                r.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
        JsonNode header = json(r.body(), headerLength);
        ByteBuffer data = ByteBuffer.wrap(r.body(), headerLength, r.body().length - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        JsonNode outputs = header.get("outputs");
        assertThat(outputs.get(0).has("data")).isFalse();
        int labelBytes =
                outputs.get(0).get("parameters").get("binary_data_size").intValue();
        int end = data.position() + labelBytes;
        List<String> labels = new ArrayList<>();
        while (data.position() < end) {
            byte[] label = new byte[data.getInt()];
            data.get(label);
            labels.add(new String(label, StandardCharsets.UTF_8));
        }
        for (int i = 0; i < ROWS.size(); i++) {
            Prediction expected = MODEL.predict(ROWS.get(i));
            assertThat(labels.get(i)).as("row %d", i).isEqualTo(expected.label());
        }
        for (int k = 0; k < MODEL.classes().size(); k++) {
            assertThat(outputs.get(1 + k)
                            .get("parameters")
                            .get("binary_data_size")
                            .intValue())
                    .isEqualTo(8 * ROWS.size());
            for (int i = 0; i < ROWS.size(); i++) {
                assertThat(data.getDouble())
                        .isEqualTo(MODEL.predict(ROWS.get(i))
                                .probability(MODEL.classes().get(k)));
            }
        }
        assertThat(data.hasRemaining()).isFalse();
    }

    @Test
    void binaryInputsWithJsonOutputsAnswerPlainJson() {
        byte[][] request = binaryRequest(
                ROWS,
                ",\"outputs\":[{\"name\":\"predictions\"},"
                        + "{\"name\":\"probability(true)\",\"parameters\":{\"binary_data\":false}}]");
        HttpResponse<byte[]> r = send(request[0], request[1], Integer.toString(request[0].length));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Inference-Header-Content-Length")).isEmpty();
        JsonNode reply = json(r.body(), r.body().length);
        for (int i = 0; i < ROWS.size(); i++) {
            assertThat(reply.get("outputs").get(0).get("data").get(i).asText())
                    .isEqualTo(MODEL.predict(ROWS.get(i)).label());
            assertThat(reply.get("outputs").get(1).get("data").get(i).doubleValue())
                    .isEqualTo(MODEL.predict(ROWS.get(i)).probability("true"));
        }
    }

    @Test
    void sizesThatDoNotAddUpAreA400ThatSaysSo() {
        byte[][] request = binaryRequest(ROWS, "");
        byte[] json = request[0];
        byte[] data = request[1];
        String length = Integer.toString(json.length);
        assertError(
                send(json, java.util.Arrays.copyOf(data, data.length - 3), length), "bytes of binary data are left");
        assertError(
                send(json, java.util.Arrays.copyOf(data, data.length + 5), length),
                "5 bytes of binary data follow the last input's");
        assertError(
                send(json, data, Integer.toString(json.length + data.length + 1)),
                "Inference-Header-Content-Length must be the byte length of the JSON header");
        assertError(send(json, data, "ten"), "Inference-Header-Content-Length must be");
        assertError(send(json, data, null), "is not valid JSON");
        String odd = new String(json, StandardCharsets.UTF_8)
                .replaceFirst("(\"name\":\"accommodates\"[^}]*\"binary_data_size\":)40", "$141");
        assertError(
                send(odd.getBytes(StandardCharsets.UTF_8), data, Integer.toString(odd.length())),
                "binary_data_size 41 is not a multiple of 8 bytes, the size of one FP64");
    }

    @Test
    void aBinaryBodyOverTheLimitIs413() {
        byte[][] request = binaryRequest(ROWS, "");
        HttpResponse<byte[]> r = send(request[0], new byte[2 << 20], Integer.toString(request[0].length));
        assertThat(r.statusCode()).isEqualTo(413);
    }

    private static void assertError(HttpResponse<byte[]> r, String message) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(json(r.body(), r.body().length).get("error").asText()).contains(message);
    }

    @Test
    void halfPrecisionIsDecodedExactly() {
        assertThat(BinaryTensors.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(BinaryTensors.halfToFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(BinaryTensors.halfToFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
        assertThat(BinaryTensors.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(BinaryTensors.halfToFloat((short) 0x7e00)).isNaN();
    }
}
