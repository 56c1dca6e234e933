package org.bighead.pipeline.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DataProfileTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static Table sample() {
        DoubleColumn price = DoubleColumn.create("price", 1.25, 2.25, 3.25, 4.25, Double.NaN, 9.0);
        IntColumn rooms = IntColumn.create("rooms", 1, 2, 2, 3, 5, 2);
        rooms.setMissing(4);
        StringColumn city = StringColumn.create("city", "Paris", "Oslo", "Paris", "", "Paris", "Rome");
        BooleanColumn wifi = BooleanColumn.create("wifi", true, false, true, true, false, true);
        wifi.setMissing(3);
        StringColumn review = StringColumn.create(
                "review",
                "great place near the station",
                "quiet and clean, great host",
                "the host was great and helpful",
                "",
                "noisy street but clean room",
                "would stay again, great value");
        DateColumn since = DateColumn.create(
                "since",
                LocalDate.of(2021, 5, 1),
                null,
                LocalDate.of(2019, 1, 31),
                LocalDate.of(2021, 5, 1),
                LocalDate.of(2024, 2, 29),
                null);
        return Table.create("listings", price, rooms, city, wifi, review, since);
    }

    @Test
    void numeric_columns_have_exact_counts_and_moments() {
        DataProfile p = DataProfile.of(sample());
        assertThat(p.rows()).isEqualTo(6);
        ColumnProfile price = p.column("price");
        assertThat(price.kind()).isEqualTo("numeric");
        assertThat(price.type()).isEqualTo("DOUBLE");
        assertThat(price.count()).isEqualTo(5);
        assertThat(price.missing()).isEqualTo(1);
        assertThat(price.mean()).isEqualTo(4.0);
        // deviations -2.75, -1.75, -0.75, 0.25, 5: sum of squares 36.25, sample variance 36.25 / 4
        assertThat(price.std()).isCloseTo(Math.sqrt(36.25 / 4), within(1e-12));
        assertThat(price.min()).isEqualTo(1.25);
        assertThat(price.max()).isEqualTo(9.0);

        ColumnProfile rooms = p.column("rooms");
        assertThat(rooms.count()).isEqualTo(5);
        assertThat(rooms.missing()).isEqualTo(1);
        assertThat(rooms.mean()).isEqualTo(2.0);
        assertThat(rooms.std()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(rooms.min()).isEqualTo(1.0);
        assertThat(rooms.max()).isEqualTo(3.0);
    }

    @Test
    void histogram_counts_sum_to_the_non_missing_count() {
        DataProfile p = DataProfile.of(sample());
        ColumnProfile.Histogram price = p.column("price").histogram();
        assertThat(price.counts()).hasSize(DataProfile.HISTOGRAM_BINS);
        assertThat(price.edges()).hasSize(DataProfile.HISTOGRAM_BINS + 1);
        assertThat(price.edges().get(0)).isEqualTo(1.25);
        assertThat(price.edges().get(DataProfile.HISTOGRAM_BINS)).isEqualTo(9.0);
        assertThat(price.total()).isEqualTo(5);
        assertThat(price.counts().get(DataProfile.HISTOGRAM_BINS - 1)).isEqualTo(1); // max included

        ColumnProfile.Histogram rooms = p.column("rooms").histogram(); // small integers: unit bins
        assertThat(rooms.edges()).containsExactly(0.5, 1.5, 2.5, 3.5);
        assertThat(rooms.counts()).containsExactly(1L, 3L, 1L);

        double[] many = new double[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = Math.sin(i) * 1e3;
        }
        Table t = Table.create(DoubleColumn.create("wave", many));
        assertThat(DataProfile.of(t).column("wave").histogram().total()).isEqualTo(1000);
    }

    @Test
    void categorical_and_boolean_columns_have_ordered_top_values() {
        DataProfile p = DataProfile.of(sample());
        ColumnProfile city = p.column("city");
        assertThat(city.kind()).isEqualTo("categorical");
        assertThat(city.count()).isEqualTo(5);
        assertThat(city.missing()).isEqualTo(1);
        assertThat(city.distinct()).isEqualTo(3);
        assertThat(city.top())
                .containsExactly(
                        new ColumnProfile.Category("Paris", 3),
                        new ColumnProfile.Category("Oslo", 1),
                        new ColumnProfile.Category("Rome", 1));
        assertThat(city.mean()).isNull();

        ColumnProfile wifi = p.column("wifi");
        assertThat(wifi.kind()).isEqualTo("boolean");
        assertThat(wifi.count()).isEqualTo(5);
        assertThat(wifi.missing()).isEqualTo(1);
        assertThat(wifi.top())
                .containsExactly(new ColumnProfile.Category("true", 3), new ColumnProfile.Category("false", 2));
    }

    @Test
    void free_text_columns_are_text_with_top_tokens() {
        ColumnProfile review = DataProfile.of(sample()).column("review");
        assertThat(review.kind()).isEqualTo("text");
        assertThat(review.missing()).isEqualTo(1);
        assertThat(review.distinct()).isEqualTo(5);
        assertThat(review.top().get(0)).isEqualTo(new ColumnProfile.Category("great", 4));
    }

    @Test
    void date_columns_have_range_and_distinct_count() {
        ColumnProfile since = DataProfile.of(sample()).column("since");
        assertThat(since.kind()).isEqualTo("date");
        assertThat(since.count()).isEqualTo(4);
        assertThat(since.missing()).isEqualTo(2);
        assertThat(since.distinct()).isEqualTo(3);
        assertThat(since.earliest()).isEqualTo("2019-01-31");
        assertThat(since.latest()).isEqualTo("2024-02-29");
    }

    @Test
    void jackson_round_trip_gives_an_equal_profile() throws Exception {
        DataProfile p = DataProfile.of(sample());
        String json = MAPPER.writeValueAsString(p);
        assertThat(json).doesNotContain("NaN", "Infinity", "mimeBundle", "missingFraction");
        assertThat(MAPPER.readValue(json, DataProfile.class)).isEqualTo(p);
    }

    @Test
    void absent_statistics_are_null_not_nan() throws Exception {
        Table t = Table.create(
                DoubleColumn.create("empty", Double.NaN, Double.NaN),
                DoubleColumn.create("one", 7.0, Double.NaN),
                DoubleColumn.create("inf", 1.0, Double.POSITIVE_INFINITY));
        DataProfile p = DataProfile.of(t);
        assertThat(p.column("empty").mean()).isNull();
        assertThat(p.column("empty").histogram()).isNull();
        assertThat(p.column("one").std()).isNull();
        assertThat(p.column("inf").infinite()).isEqualTo(1);
        assertThat(p.column("inf").max()).isEqualTo(1.0);
        String json = MAPPER.writeValueAsString(p);
        assertThat(json).doesNotContain("NaN", "Infinity");
        assertThat(MAPPER.readValue(json, DataProfile.class)).isEqualTo(p);
        assertThat(MAPPER.writeValueAsString(p.toVegaLite())).doesNotContain("NaN", "Infinity");
    }

    @Test
    void vega_lite_spec_is_v5_with_inline_data() {
        ObjectNode spec = DataProfile.of(sample()).toVegaLite();
        assertThat(spec.get("$schema").asText()).isEqualTo("https://vega.github.io/schema/vega-lite/v5.json");
        JsonNode charts = spec.get("concat");
        assertThat(charts).hasSize(5); // every column but the date
        JsonNode price = charts.get(0);
        assertThat(price.get("title").get("text").asText()).isEqualTo("price");
        JsonNode values = price.get("data").get("values");
        assertThat(values).hasSize(DataProfile.HISTOGRAM_BINS);
        long total = 0;
        for (JsonNode v : values) {
            total += v.get("count").asLong();
        }
        assertThat(total).isEqualTo(5);
        JsonNode city = charts.get(2).get("data").get("values");
        assertThat(city.get(0).get("value").asText()).isEqualTo("Paris");
        assertThat(city.get(0).get("count").asLong()).isEqualTo(3);
    }

    @Test
    void mime_bundle_has_vega_lite_html_and_text() {
        Map<String, Object> bundle = DataProfile.of(sample()).mimeBundle();
        assertThat(bundle).containsOnlyKeys("application/vnd.vegalite.v5+json", "text/html", "text/plain");
        assertThat(bundle.get("application/vnd.vegalite.v5+json")).isInstanceOf(JsonNode.class);
        assertThat((String) bundle.get("text/html")).contains("price", "Paris", "17%");
        List<String> lines = List.of(((String) bundle.get("text/plain")).split("\n"));
        assertThat(lines).hasSize(7);
        assertThat(lines.get(1)).contains("price", "numeric", "mean=4", "max=9");
    }
}
