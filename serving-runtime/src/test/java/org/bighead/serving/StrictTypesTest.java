package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A number or boolean sent for a text column: --strict refuses it, naming the column; the default reads it as its
 * text, as the pipeline library (and so the notebook) does.
 */
class StrictTypesTest {
    private static final String PREDICT = "/v2/models/listing-price/predict";

    private static Map<String, Object> rowWith(String column, Object value) {
        Map<String, Object> row = new LinkedHashMap<>(TestModels.goodRow());
        row.put(column, value);
        return row;
    }

    @Test
    void strictRefusesANumberOrBooleanForATextColumnNamingIt() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"),
                c -> c.withStrict(true))) {
            TestServer.Response number = s.post(PREDICT, TestServer.instances(List.of(rowWith("neighbourhood", 5))));
            assertThat(number.status()).isEqualTo(400);
            assertThat(number.json().get("error").asText()).contains("column 'neighbourhood': expected text, got 5");
            assertThat(number.json().get("column").asText()).isEqualTo("neighbourhood");
            assertThat(number.json().get("row").intValue()).isZero();

            TestServer.Response bool = s.post(PREDICT, TestServer.instances(List.of(rowWith("room_type", true))));
            assertThat(bool.status()).isEqualTo(400);
            assertThat(bool.json().get("error").asText()).contains("column 'room_type': expected text, got true");

            TestServer.Response text = s.post(PREDICT, TestServer.instances(List.of(rowWith("neighbourhood", "Mission"))));
            assertThat(text.status()).as("text in a text column is still fine").isEqualTo(200);
        }
    }

    @Test
    void byDefaultANumberForATextColumnIsScoredAsItsTextLikeTheNotebook() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"))) {
            Map<String, Object> row = rowWith("amenities", 5);
            TestServer.Response r = s.post(PREDICT, TestServer.instances(List.of(row)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("predictions").get(0).doubleValue()).isEqualTo(TestModels.price().predict(row).value());
        }
    }
}
