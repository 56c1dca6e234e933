package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.TrainingListener;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.Linear;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.model.XGBoostModel;
import org.bighead.pipeline.stages.Drop;
import org.bighead.pipeline.stages.Impute;
import org.bighead.pipeline.stages.OneHot;
import org.bighead.pipeline.stages.Select;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The training monitor: real fits report to it, the chart follows, Stop ends training, and it stays cheap. */
class TrainingMonitorTest {
    private static final Table TRAIN = Listings.generate(1000, 7);
    private static final String CLICK = """
            {"method": "custom", "content": {"event": "click"}}""";

    private FakeFrontend browser;

    @BeforeEach
    void connect() {
        browser = FakeFrontend.connect();
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
    }

    private static Pipeline xgboost(int rounds) {
        return Pipeline.of(ListingsPipelines.preprocessingThen(
                        XGBoost.regressor().rounds(rounds).maxDepth(3).threads(1)))
                .target(Listings.PRICE);
    }

    private static TrainingMonitor displayed() {
        TrainingMonitor monitor = new TrainingMonitor();
        monitor.mimeBundle(); // what the notebook does when showing it: every comm opens
        return monitor;
    }

    private List<Integer> barValuesSent(TrainingMonitor monitor) {
        List<Integer> values = new ArrayList<>();
        for (FakeFrontend.Sent m : browser.messages(monitor.bar().modelId(), "update")) {
            if (m.data().path("state").has("value"))
                values.add(m.data().path("state").path("value").asInt());
        }
        return values;
    }

    @Test
    void anXGBoostFitMovesTheBarToTheTotalAndRecordsEveryRound() {
        TrainingMonitor monitor = displayed();

        xgboost(30).fit(TRAIN, monitor);

        assertThat(monitor.bar().value()).isEqualTo(30);
        assertThat(monitor.bar().max()).isEqualTo(30);
        assertThat(monitor.bar().barStyle()).isEqualTo("success");
        assertThat(monitor.series()).containsOnlyKeys("train-rmse");
        assertThat(monitor.series().get("train-rmse")).hasSize(30);
        assertThat(monitor.series().get("train-rmse").get(29))
                .isLessThan(monitor.series().get("train-rmse").get(0));
        assertThat(monitor.status()).startsWith("done 30/30 in ");
        assertThat(monitor.stopButton().disabled()).isTrue();
        // sent before fit returned, so the notebook shows the end before the cell ends
        assertThat(barValuesSent(monitor)).last().isEqualTo(30);
    }

    @Test
    void aLogisticRegressionReportsItsLogLossEveryIteration() {
        TrainingMonitor monitor = displayed();
        Pipeline logistic = Pipeline.of(
                        Select.of(Listings.FEATURES),
                        Impute.median(
                                Listings.BEDROOMS,
                                Listings.BATHROOMS,
                                Listings.REVIEW_SCORE,
                                Listings.HOST_IS_SUPERHOST),
                        OneHot.of(Listings.ROOM_TYPE, Listings.NEIGHBOURHOOD),
                        Drop.of(Listings.AMENITIES),
                        Linear.logistic().iterations(40))
                .target(Listings.BOOKED);

        logistic.fit(TRAIN, monitor);

        List<Double> loss = monitor.series().get("train-logloss");
        assertThat(loss).hasSize(40);
        assertThat(loss.get(39)).isLessThan(loss.get(0));
        assertThat(monitor.step()).isEqualTo(40);
        assertThat(monitor.ended()).isTrue();
        assertThat(monitor.chart().value()).contains("data-series=\"train-logloss\"");
    }

    @Test
    void aStopClickFromTheBrowserEndsTheFitAfterTheCurrentRound() {
        TrainingMonitor monitor = displayed();
        String stopButton = monitor.stopButton().modelId();
        // the click arrives (on the kernel's shell thread in a notebook) while round 10 is being computed
        TrainingListener clickDuringRoundTen = (step, total, metrics) -> {
            if (step == 10) browser.fromBrowser(stopButton, CLICK);
            return monitor.onStep(step, total, metrics);
        };

        FittedPipeline model = xgboost(30).fit(TRAIN, clickDuringRoundTen);

        assertThat(((XGBoostModel) model.model()).trees().numTrees()).isEqualTo(10);
        assertThat(monitor.stopRequested()).isTrue();
        assertThat(monitor.series().get("train-rmse")).hasSize(10);
        assertThat(monitor.status()).startsWith("stopped at 10/30 in ");
        assertThat(monitor.bar().barStyle()).isEqualTo("warning");
        assertThat(monitor.bar().value()).isEqualTo(10);
        assertThat(model.predict(TRAIN).rowCount()).isEqualTo(TRAIN.rowCount()); // a usable model
    }

    @Test
    void afterAStopTheButtonSaysTrainingStoppedRatherThanStopping() {
        TrainingMonitor monitor = displayed();
        monitor.onStep(1, 30, Map.of("train-rmse", 3.0));

        browser.fromBrowser(monitor.stopButton().modelId(), CLICK);
        assertThat(monitor.stopButton().description()).isEqualTo("Stopping…"); // until the round ends
        assertThat(monitor.onStep(2, 30, Map.of("train-rmse", 2.0))).isFalse();

        assertThat(monitor.stopButton().description()).isEqualTo("Stopped");
        assertThat(monitor.stopButton().disabled()).isTrue();
        monitor.stopButton().flush();
        assertThat(browser.messages(monitor.stopButton().modelId(), "update"))
                .last()
                .satisfies(m -> assertThat(
                                m.data().path("state").path("description").asText())
                        .isEqualTo("Stopped"));
    }

    @Test
    void aStopAfterTheLastStepChangesNothing() {
        TrainingMonitor monitor = displayed();
        monitor.onStep(3, 3, Map.of("train-rmse", 1.0));

        monitor.requestStop(); // a click that arrives as training ends

        assertThat(monitor.stopRequested()).isFalse();
        assertThat(monitor.stopButton().description()).isEqualTo("Stop");
        assertThat(monitor.status()).startsWith("done 3/3 in ");
    }

    @Test
    void theChartIsAnSvgWithALinePerSeriesAndItsRangeLabelled() {
        TrainingMonitor monitor = displayed();

        for (int step = 1; step <= 50; step++) {
            monitor.onStep(step, 50, Map.of("train-rmse", 100.0 / step, "valid-rmse", 120.0 / step));
        }

        String chart = monitor.chart().value();
        assertThat(chart).contains("<svg");
        assertThat(count(chart, "<polyline")).isEqualTo(2);
        assertThat(chart).contains("data-series=\"train-rmse\"", "data-series=\"valid-rmse\"");
        assertThat(chart).contains(">120</text>", ">2</text>", ">1</text>", ">50</text>"); // y max, y min, x range
        assertThat(points(chart, "train-rmse")).hasSize(50);
    }

    @Test
    void theBarAndChartAreDrawnWhileTrainingRunsWithoutWaitingForTheEnd() throws InterruptedException {
        TrainingMonitor monitor = displayed();

        monitor.onStep(1, 100, Map.of("train-loss", 0.9));

        browser.await(
                monitor.chart().modelId(),
                m -> m.data().path("state").path("value").asText().contains("data-series=\"train-loss\""));
        browser.await(
                monitor.bar().modelId(),
                m -> m.data().path("state").path("value").asInt() == 1);
        browser.await(
                monitor.bar().modelId(),
                m -> m.data().path("state").path("description").asText().startsWith("1/100 · "));
        assertThat(monitor.ended()).isFalse();
    }

    @Test
    void aStepFollowedByAPauseIsDrawnWithinAboutAnInterval() throws InterruptedException {
        TrainingMonitor monitor = displayed();
        monitor.onStep(1, 100, Map.of("train-loss", 0.9)); // drawn at once: the first step

        monitor.onStep(2, 100, Map.of("train-loss", 0.8)); // too soon after: left to the widgets thread

        eventually(() -> assertThat(monitor.status()).startsWith("2/100 · "));
        eventually(() -> assertThat(monitor.bar().value()).isEqualTo(2));
    }

    @Test
    void aHundredThousandStepsFinishAndCostABoundedNumberOfMessages() {
        TrainingMonitor monitor = displayed();
        browser.forget();
        int steps = 100_000;

        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            monitor.onStep(step, steps, Map.of("train-loss", 1.0 / step));
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        long messages =
                browser.sent().stream().filter(m -> m.type().equals("comm_msg")).count();
        // the bar (with the status line) and the chart at most every 100 ms each, and the final state
        assertThat(messages).isLessThanOrEqualTo(2 * (elapsedMs / 100) + 12);
        assertThat(monitor.series().get("train-loss")).hasSize(steps);
        assertThat(barValuesSent(monitor)).last().isEqualTo(steps);
        assertThat(points(monitor.chart().value(), "train-loss").size())
                .isLessThanOrEqualTo(2 * LineChart.PLOT_WIDTH + 1); // drawn from buckets, not 100,000 points
    }

    @Test
    void aModelThatReportsNoMetricsEndsWithABarAndAChartThatSaysSo() {
        TrainingMonitor monitor = displayed();

        assertThat(monitor.onStep(1, 1, Map.of())).isTrue(); // what Linear.regressor() reports: one solve

        assertThat(monitor.series()).isEmpty();
        assertThat(monitor.status()).startsWith("done 1/1 in ");
        assertThat(monitor.chart().value()).contains("no metrics were reported").doesNotContain("<polyline");
    }

    @Test
    void fittingAgainWithTheSameMonitorStartsANewChart() throws InterruptedException {
        TrainingMonitor monitor = displayed();
        monitor.requestStop();
        monitor.onStep(1, 5, Map.of("train-loss", 1.0));

        assertThat(monitor.onStep(1, 3, Map.of("train-loss", 2.0))).isTrue();

        assertThat(monitor.series().get("train-loss")).containsExactly(2.0);
        assertThat(monitor.stopRequested()).isFalse();
        assertThat(monitor.ended()).isFalse();
        eventually(() -> assertThat(monitor.bar().max()).isEqualTo(3)); // drawn off the training thread
        assertThat(monitor.bar().barStyle()).isEmpty();
        assertThat(monitor.stopButton().disabled()).isFalse();
    }

    @Test
    void showDisplaysTheMonitorInTheRunningCell() {
        List<Object> shown = new ArrayList<>();
        Widgets.connect(new Showing(browser, shown));

        TrainingMonitor monitor = TrainingMonitor.show();

        assertThat(shown).containsExactly(monitor);
    }

    @Test
    void outsideANotebookShowJustReturnsAWorkingMonitor() {
        Widgets.disconnect();

        TrainingMonitor monitor = TrainingMonitor.show();
        xgboost(5).fit(TRAIN, monitor);

        assertThat(monitor.series().get("train-rmse")).hasSize(5);
        assertThat(monitor.toString()).startsWith("TrainingMonitor(done 5/5 in ");
    }

    /** Retries {@code check} every 5 ms for up to 5 s. */
    private static void eventually(Runnable check) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(5);
            }
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static List<String> points(String chart, String series) {
        Matcher m = Pattern.compile("data-series=\"" + Pattern.quote(series) + "\"[^>]* points=\"([^\"]*)\"")
                .matcher(chart);
        assertThat(m.find()).as("a polyline for " + series + " in " + chart).isTrue();
        return List.of(m.group(1).trim().split(" "));
    }

    /** The fake frontend, plus the notebook's display(value): records what was shown and renders it. */
    private record Showing(FakeFrontend comms, List<Object> shown) implements Frontend {
        @Override
        public Channel open(
                String target, ObjectNode data, List<byte[]> buffers, ObjectNode metadata, Receiver receiver) {
            return comms.open(target, data, buffers, metadata, receiver);
        }

        @Override
        public void onOpen(String target, Opener opener) {
            comms.onOpen(target, opener);
        }

        @Override
        public String currentRequestId() {
            return comms.currentRequestId();
        }

        @Override
        public void display(Object value) {
            shown.add(value);
            Frontend.renderPlain(value);
        }
    }
}
