package org.bighead.registry.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricRuleTest {
    @Test
    void errorsAreBetterLowerAndScoresHigher() {
        assertThat(MetricRule.lowerIsBetter("test.mae")).isTrue();
        assertThat(MetricRule.lowerIsBetter("test.log_loss")).isTrue();
        assertThat(MetricRule.lowerIsBetter("test.r2")).isFalse();
        assertThat(MetricRule.lowerIsBetter("roc_auc")).isFalse();
    }

    @Test
    void aRetrainedVersionIsPromotedOnlyWhenItBeatsTheAliasByTheMargin() {
        var better = MetricRule.decide("test.mae", 4, 40.0, 3, 45.0, 2.0, "champion");
        assertThat(better.promote()).isTrue();
        assertThat(better.reason())
                .startsWith("v4 beats v3: test.mae 40.00 vs 45.00 for v3 (champion, lower is better");

        var notByEnough = MetricRule.decide("test.mae", 4, 44.0, 3, 45.0, 2.0, "champion");
        assertThat(notByEnough.promote()).isFalse();
        assertThat(notByEnough.reason()).startsWith("v4 does not beat v3 by the margin");

        assertThat(MetricRule.decide("test.r2", 4, 0.91, 3, 0.90, 0.0, "champion")
                        .promote())
                .isTrue();
        assertThat(MetricRule.decide("test.r2", 4, 0.90, 3, 0.90, 0.0, "champion")
                        .promote())
                .as("equal is not better")
                .isFalse();
        assertThat(MetricRule.decide("test.mae", 4, 40.0, null, null, 0.0, "champion")
                        .promote())
                .isTrue();
        assertThat(MetricRule.decide("test.mae", 4, null, 3, 45.0, 0.0, "champion")
                        .promote())
                .isFalse();
    }

    @Test
    void anEvaluationWorseThanTheVersionsOwnValueByMoreThanTheThresholdIsAnAlert() {
        var alert = MetricRule.degradation("test.mae", "listing-price", 3, 60.0, 45.0, 10.0);
        assertThat(alert.alert()).isTrue();
        assertThat(alert.line()).startsWith("ALERT listing-price v3: mae 60.00 on new data vs 45.00 recorded");
        assertThat(MetricRule.degradation("test.mae", "m", 3, 50.0, 45.0, 10.0).alert())
                .isFalse();
        assertThat(MetricRule.degradation("test.r2", "m", 3, 0.5, 0.8, 0.1).alert())
                .isTrue();
        assertThat(MetricRule.degradation("test.mae", "m", 3, 99.0, null, 0.0).alert())
                .isFalse();
    }
}
