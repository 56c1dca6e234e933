package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics is valid Prometheus text and counts requests, errors, rows and the served version. */
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*})? (-?[0-9.eE+\\-]+|NaN|\\+Inf|-Inf)");

    @Test
    void metricsParseAndCountRequestsRowsErrorsAndTheModelVersion() {
        try (TestServer s = TestServer.start(TestModels.save(TestModels.price(), "listing-price"))) {
            LoadedModel model = s.server.models().current();
            String predict = s.model() + "/predict";
            s.post(predict, TestServer.instances(List.of(TestModels.goodRow(), TestModels.goodRow())));
            s.post(predict, TestServer.instances(List.of(TestModels.goodRow())));
            s.post(predict, "{\"instances\": 3}");

            TestServer.Response metrics = s.get("/metrics");
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            for (String line : metrics.body().split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    assertThat(SAMPLE.matcher(line).matches())
                            .as("sample line: %s", line)
                            .isTrue();
                }
            }
            String endpoint = "endpoint=\"/v2/models/{name}/predict\"";
            assertThat(s.metric("bighead_requests_total{" + endpoint + ",status=\"200\"}"))
                    .isEqualTo(2);
            assertThat(s.metric("bighead_requests_total{" + endpoint + ",status=\"400\"}"))
                    .isEqualTo(1);
            assertThat(s.metric("bighead_errors_total{" + endpoint + ",kind=\"bad_input\"}"))
                    .isEqualTo(1);
            assertThat(s.metric("bighead_request_duration_seconds_count{" + endpoint + "}"))
                    .isEqualTo(3);
            assertThat(s.metric(
                            "bighead_rows_scored_total{model=\"listing-price\",version=\"" + model.version() + "\"}"))
                    .isEqualTo(3);
            assertThat(s.metric("bighead_requests_in_flight")).isEqualTo(0);
            assertThat(s.metric("bighead_model_info{model=\"listing-price\",sha256=\""
                            + model.resolved().sha256() + "\",version=\"" + model.version() + "\"}"))
                    .isEqualTo(1);
        }
    }
}
