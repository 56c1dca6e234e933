package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A column the model does not take (a typo such as "bedroms") is never silently dropped: by default the prediction
 * is made without it and the response names it in its warnings; --strict refuses it with a 400 that names it, the
 * closest column and the columns there are.
 */
class UnknownColumnsTest {
    private static final String PREDICT = "/v2/models/listing-price/predict";
    private static final String INFER = "/v2/models/listing-price/infer";

    /** A good row with bedrooms sent as "bedroms". */
    private static Map<String, Object> misspelled() {
        Map<String, Object> row = new LinkedHashMap<>(TestModels.goodRow());
        row.put("bedroms", row.remove("bedrooms"));
        return row;
    }

    @Test
    void byDefaultAMisspelledColumnIsScoredWithoutItAndNamedInTheWarnings() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"))) {
            List<Map<String, Object>> rows = List.of(TestModels.goodRow(), misspelled(), TestModels.goodRow());
            TestServer.Response r = s.post(PREDICT, TestServer.instances(rows));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("predictions").get(1).doubleValue())
                    .isEqualTo(TestModels.price().predict(misspelled()).value());
            JsonNode warnings = r.json().get("warnings");
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).asText())
                    .isEqualTo("column 'bedroms' is not an input of model"
                            + " 'listing-price' and was ignored (in row 1); did you mean 'bedrooms'?");
        }
    }

    @Test
    void everyUnknownColumnIsNamedOnceAndAGoodRequestHasNoWarnings() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"))) {
            Map<String, Object> extra = misspelled();
            extra.put("listing_id", 42);
            TestServer.Response r = s.post(PREDICT, TestServer.instances(List.of(extra, extra)));
            List<String> warnings = new ArrayList<>();
            r.json().get("warnings").forEach(w -> warnings.add(w.asText()));
            assertThat(warnings)
                    .containsExactly(
                            "column 'bedroms' is not an input of model 'listing-price' and was ignored; did you mean"
                                    + " 'bedrooms'?",
                            "column 'listing_id' is not an input of model 'listing-price' and was ignored");
            TestServer.Response good = s.post(PREDICT, TestServer.instances(List.of(TestModels.goodRow())));
            assertThat(good.json().has("warnings")).isFalse();
        }
    }

    @Test
    void byDefaultAnUnknownInferInputIsIgnoredAndNamedInTheResponseParameters() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"))) {
            TestServer.Response r = s.post(
                    INFER,
                    PredictionParityTest.inferRequest(List.of(misspelled()), TestModels.price())
                            .replace("\"name\":\"bedrooms\"", "\"name\":\"bedroms\""));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("outputs").get(0).get("data").get(0).doubleValue())
                    .isEqualTo(TestModels.price().predict(misspelled()).value());
            assertThat(r.json().get("parameters").get("warnings").asText())
                    .isEqualTo("input 'bedroms' is not an"
                            + " input of model 'listing-price' and was ignored; did you mean 'bedrooms'?");
        }
    }

    @Test
    void strictRefusesAnUnknownColumnNamingItTheClosestAndTheColumnsThereAre() {
        try (TestServer s =
                TestServer.start(TestModels.save(TestModels.price(), "listing-price"), c -> c.withStrict(true))) {
            TestServer.Response r = s.post(PREDICT, TestServer.instances(List.of(TestModels.goodRow(), misspelled())));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("error").asText())
                    .startsWith("unknown column 'bedroms' in row 1 (did you mean 'bedrooms'?); model 'listing-price'"
                            + " takes neighbourhood, room_type, accommodates, bedrooms,");
            assertThat(r.json().get("column").asText()).isEqualTo("bedroms");
            assertThat(r.json().get("row").intValue()).isEqualTo(1);

            TestServer.Response infer = s.post(
                    INFER,
                    PredictionParityTest.inferRequest(List.of(misspelled()), TestModels.price())
                            .replace("\"name\":\"bedrooms\"", "\"name\":\"bedroms\""));
            assertThat(infer.status()).isEqualTo(400);
            assertThat(infer.json().get("error").asText())
                    .startsWith("unknown input 'bedroms' (did you mean" + " 'bedrooms'?)");
        }
    }

    @Test
    void onlyANameCloseToAColumnIsSuggested() {
        var known = TestModels.price().inputSchema().byName().keySet();
        assertThat(UnknownColumns.closest("bedroms", known)).isEqualTo("bedrooms");
        assertThat(UnknownColumns.closest("Room_Type", known)).isEqualTo("room_type");
        assertThat(UnknownColumns.closest("listing_id", known)).isNull();
        assertThat(UnknownColumns.closest("x", known)).isNull();
    }
}
