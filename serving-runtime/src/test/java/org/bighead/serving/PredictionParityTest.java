package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Prediction;
import org.junit.jupiter.api.Test;

/** The server predicts exactly what the notebook's FittedPipeline.predict does, through both endpoints. */
class PredictionParityTest {
    private final List<Map<String, Object>> rows = TestModels.rows(60);

    @Test
    void regressionPredictionsFromPredictAndInferEqualTheInProcessOnesBitForBit() {
        FittedPipeline model = TestModels.price();
        try (TestServer s = TestServer.start(TestModels.save(model, "listing-price"))) {
            JsonNode records =
                    s.post(s.model() + "/predict", TestServer.instances(rows)).json();
            JsonNode infer =
                    s.post(s.model() + "/infer", inferRequest(rows, model)).json();

            assertThat(records.get("model").asText()).isEqualTo("listing-price");
            JsonNode tensor = infer.get("outputs").get(0);
            assertThat(tensor.get("name").asText()).isEqualTo("predictions");
            assertThat(tensor.get("datatype").asText()).isEqualTo("FP64");
            for (int i = 0; i < rows.size(); i++) {
                double expected = model.predict(rows.get(i)).value();
                assertThat(records.get("predictions").get(i).doubleValue())
                        .as("row %d, /predict", i)
                        .isEqualTo(expected);
                assertThat(tensor.get("data").get(i).doubleValue())
                        .as("row %d, /infer", i)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void classificationAnswersLabelsAndEveryClassProbabilityExactly() {
        FittedPipeline model = TestModels.booked();
        try (TestServer s = TestServer.start(TestModels.save(model, "listing-booked"))) {
            JsonNode records =
                    s.post(s.model() + "/predict", TestServer.instances(rows)).json();
            JsonNode outputs = s.post(s.model() + "/infer", inferRequest(rows, model))
                    .json()
                    .get("outputs");

            assertThat(outputs.get(0).get("datatype").asText()).isEqualTo("BYTES");
            for (int i = 0; i < rows.size(); i++) {
                Prediction expected = model.predict(rows.get(i));
                assertThat(records.get("predictions").get(i).asText()).isEqualTo(expected.label());
                assertThat(outputs.get(0).get("data").get(i).asText()).isEqualTo(expected.label());
                for (int k = 0; k < model.classes().size(); k++) {
                    String label = model.classes().get(k);
                    assertThat(records.get("probabilities").get(i).get(label).doubleValue())
                            .isEqualTo(expected.probability(label));
                    assertThat(outputs.get(1 + k).get("name").asText()).isEqualTo("probability(" + label + ")");
                    assertThat(outputs.get(1 + k).get("data").get(i).doubleValue())
                            .isEqualTo(expected.probability(label));
                }
            }
        }
    }

    /** One tensor of shape [n] per input column, FP64, BOOL or BYTES as the model's metadata says. */
    static String inferRequest(List<Map<String, Object>> rows, FittedPipeline model) {
        List<Object> inputs = new ArrayList<>();
        model.inputSchema().fields().forEach(f -> {
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("name", f.name());
            tensor.put("shape", List.of(rows.size()));
            tensor.put("datatype", InputTypes.datatype(f));
            tensor.put("data", rows.stream().map(r -> r.get(f.name())).toList());
            inputs.add(tensor);
        });
        return TestServer.json(Map.of("id", "parity-1", "inputs", inputs));
    }
}
