package org.bighead.registry.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricRuleTest {
    @Test
    void errorsAreBetterLowerAndScoresHigher() {
        assertThat(MetricRule.of("test.mae").lowerIsBetter()).isTrue();
        assertThat(MetricRule.of("test.log_loss").lowerIsBetter()).isTrue();
        assertThat(MetricRule.of("test.r2").lowerIsBetter()).isFalse();
        assertThat(MetricRule.of("roc_auc").lowerIsBetter()).isFalse();
    }

    @Test
    void aRetrainedVersionIsPromotedOnlyWhenItBeatsTheAliasByTheMargin() {
        var better = MetricRule.of("test.mae").decide(4, 40.0, 3, 45.0, 2.0, "champion");
        assertThat(better.promote()).isTrue();
        assertThat(better.reason())
                .startsWith("v4 beats v3: test.mae 40.00 vs 45.00 for v3 (champion, lower is better");

        var notByEnough = MetricRule.of("test.mae").decide(4, 44.0, 3, 45.0, 2.0, "champion");
        assertThat(notByEnough.promote()).isFalse();
        assertThat(notByEnough.reason()).startsWith("v4 does not beat v3 by the margin");

        assertThat(MetricRule.of("test.r2")
                        .decide(4, 0.91, 3, 0.90, 0.0, "champion")
                        .promote())
                .isTrue();
        assertThat(MetricRule.of("test.r2")
                        .decide(4, 0.90, 3, 0.90, 0.0, "champion")
                        .promote())
                .as("equal is not better")
                .isFalse();
        assertThat(MetricRule.of("test.mae")
                        .decide(4, 40.0, null, null, 0.0, "champion")
                        .promote())
                .isTrue();
        assertThat(MetricRule.of("test.mae")
                        .decide(4, null, 3, 45.0, 0.0, "champion")
                        .promote())
                .isFalse();
    }

    @Test
    void anEvaluationWorseThanTheVersionsOwnValueByMoreThanTheThresholdIsAnAlert() {
        var alert = MetricRule.of("test.mae").degradation("listing-price", 3, 60.0, 45.0, 10.0);
        assertThat(alert.alert()).isTrue();
        assertThat(alert.line()).startsWith("ALERT listing-price v3: mae 60.00 on new data vs 45.00 recorded");
        assertThat(MetricRule.of("test.mae")
                        .degradation("m", 3, 50.0, 45.0, 10.0)
                        .alert())
                .isFalse();
        assertThat(MetricRule.of("test.r2").degradation("m", 3, 0.5, 0.8, 0.1).alert())
                .isTrue();
        assertThat(MetricRule.of("test.mae")
                        .degradation("m", 3, 99.0, null, 0.0)
                        .alert())
                .isFalse();
    }

    @Test
    void aJobCanSayWhichWayIsBetterForAMetricOfItsOwn() {
        assertThat(MetricRule.of("test.pinball").lowerIsBetter())
                .as("told by its name: a score")
                .isFalse();
        MetricRule pinball = MetricRule.of("test.pinball", "lower");
        assertThat(pinball.decide(4, 0.8, 3, 0.9, 0.0, "champion").promote()).isTrue();
        assertThat(pinball.degradation("m", 3, 1.2, 0.9, 0.1).alert()).isTrue();
        assertThat(MetricRule.of("test.mae", "higher").lowerIsBetter()).isFalse();
        assertThatThrownBy(() -> MetricRule.of("test.mae", "smaller"))
                .hasMessage("better must be lower or higher (which way the metric improves), not 'smaller'");
    }
}
