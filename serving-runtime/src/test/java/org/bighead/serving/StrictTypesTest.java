package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A value of another type than its column's: --strict refuses it, naming the column (text or a boolean for a number,
 * a number for a boolean, a number or boolean for text); the default reads it as the pipeline library (and so the
 * notebook) does: a number as its text, "2" as 2, 1 as true.
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
        try (TestServer s =
                TestServer.start(TestModels.save(TestModels.price(), "listing-price"), c -> c.withStrict(true))) {
            TestServer.Response number = s.post(PREDICT, TestServer.instances(List.of(rowWith("neighbourhood", 5))));
            assertThat(number.status()).isEqualTo(400);
            assertThat(number.json().get("error").asText()).contains("column 'neighbourhood': expected text, got 5");
            assertThat(number.json().get("column").asText()).isEqualTo("neighbourhood");
            assertThat(number.json().get("row").intValue()).isZero();

            TestServer.Response bool = s.post(PREDICT, TestServer.instances(List.of(rowWith("room_type", true))));
            assertThat(bool.status()).isEqualTo(400);
            assertThat(bool.json().get("error").asText()).contains("column 'room_type': expected text, got true");

            TestServer.Response text =
                    s.post(PREDICT, TestServer.instances(List.of(rowWith("neighbourhood", "Mission"))));
            assertThat(text.status()).as("text in a text column is still fine").isEqualTo(200);
        }
    }

    @Test
    void strictWantsNumbersForNumberColumnsAndBooleansForBooleanOnesAsItsOpenApiDocumentSays() {
        try (TestServer s =
                TestServer.start(TestModels.save(TestModels.price(), "listing-price"), c -> c.withStrict(true))) {
            TestServer.Response text = s.post(PREDICT, TestServer.instances(List.of(rowWith("bedrooms", "2"))));
            assertThat(text.status()).isEqualTo(400);
            assertThat(text.json().get("error").asText())
                    .contains("column 'bedrooms': expected a number, got the" + " text '2'");
            TestServer.Response one = s.post(PREDICT, TestServer.instances(List.of(rowWith("instant_bookable", 1))));
            assertThat(one.status()).isEqualTo(400);
            assertThat(one.json().get("error").asText())
                    .contains("column 'instant_bookable': expected true or false," + " got 1");
            TestServer.Response bool =
                    s.post(PREDICT, TestServer.instances(List.of(rowWith("instant_bookable", true))));
            assertThat(bool.status()).as(bool.body()).isEqualTo(200);
        }
    }

    @Test
    void byDefaultANumberForATextColumnIsScoredAsItsTextLikeTheNotebook() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"))) {
            Map<String, Object> ones = rowWith("instant_bookable", 1);
            ones.put("bedrooms", "2");
            TestServer.Response lenient = s.post(PREDICT, TestServer.instances(List.of(ones)));
            assertThat(lenient.json().get("predictions").get(0).doubleValue())
                    .as("1 for true and \"2\" for 2 too")
                    .isEqualTo(TestModels.price().predict(ones).value());
            Map<String, Object> row = rowWith("amenities", 5);
            TestServer.Response r = s.post(PREDICT, TestServer.instances(List.of(row)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("predictions").get(0).doubleValue())
                    .isEqualTo(TestModels.price().predict(row).value());
        }
    }
}
