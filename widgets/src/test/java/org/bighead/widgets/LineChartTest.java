package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The training chart's SVG: where points land, what the axes say, and what is left out. */
class LineChartTest {
    private static LineChart.Line line(String name, int[] steps, double... values) {
        return new LineChart.Line(name, steps, values, values[values.length - 1]);
    }

    @Test
    void pointsSpanThePlotFromTheFirstStepToTheLastAndFromTheMinimumToTheMaximum() {
        String html = LineChart.html(List.of(line("train-rmse", new int[] {1, 2, 3}, 3, 2, 1)), 1, 3, "");

        // in tenths of a pixel: the plot spans x 60..546 and y 10..174 pixels
        assertThat(html)
                .contains("<g transform=\"scale(0.1)\"><polyline class=\"bh-series\" "
                        + "data-series=\"train-rmse\" fill=\"none\" stroke=\"#4c78a8\" stroke-width=\"15\" "
                        + "stroke-linejoin=\"round\" points=\"600,100 3030,920 5460,1740 \"/>");
        assertThat(html).contains("<circle cx=\"5460\" cy=\"1740\" r=\"25\" fill=\"#4c78a8\"/>");
        assertThat(html).contains(">3</text>", ">1</text>", ">step</text>");
        assertThat(html).contains("train-rmse <b style=\"font-variant-numeric:tabular-nums\">1</b>");
    }

    @Test
    void theXAxisRunsToThePlannedTotalSoTheLineGrowsAcrossIt() {
        String html = LineChart.html(List.of(line("loss", new int[] {1, 2}, 2, 1)), 1, 5, "");

        assertThat(html).contains("points=\"600,100 1815,1740 \"", ">5</text>");
    }

    @Test
    void nonFiniteValuesAreLeftOutAndNamesAreEscaped() {
        String html = LineChart.html(List.of(line("a<b", new int[] {1, 2, 3}, 1, Double.NaN, 2)), 1, 3, "");

        assertThat(html).contains("data-series=\"a&lt;b\"", "points=\"600,1740 5460,100 \"");
    }

    @Test
    void aConstantSeriesGetsARangeAroundItsValue() {
        String html = LineChart.html(List.of(line("acc", new int[] {1, 2}, 0.5, 0.5)), 1, 2, "");

        assertThat(html).contains(">0.525</text>", ">0.475</text>", "points=\"600,920 5460,920 \"");
    }

    @Test
    void withoutPointsTheChartSaysWhy() {
        String html = LineChart.html(List.of(), 1, 2, "waiting for the first step…");

        assertThat(html).contains("<svg", "waiting for the first step…").doesNotContain("<polyline");
    }
}
