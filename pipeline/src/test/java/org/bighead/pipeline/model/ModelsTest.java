package org.bighead.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.Prediction;
import org.bighead.pipeline.Task;
import org.bighead.pipeline.stages.Impute;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The three model families trained through pipelines on generated data whose answer is known. */
class ModelsTest {

    /** y = 3·x1 − 2·x2 + 5 plus noise of standard deviation {@code noise}. */
    static Table plane(int rows, double noise, long seed) {
        Random random = new Random(seed);
        double[] x1 = new double[rows];
        double[] x2 = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x1[i] = random.nextDouble() * 10 - 5;
            x2[i] = random.nextDouble() * 4;
            y[i] = 3 * x1[i] - 2 * x2[i] + 5 + noise * random.nextGaussian();
        }
        return Table.create(
                "plane", DoubleColumn.create("x1", x1), DoubleColumn.create("x2", x2), DoubleColumn.create("y", y));
    }

    /** Two round clouds of points: "left" around (-2, 0), "right" around (2, 1). */
    static Table twoClouds(int rows, long seed) {
        Random random = new Random(seed);
        double[] a = new double[rows];
        double[] b = new double[rows];
        String[] side = new String[rows];
        for (int i = 0; i < rows; i++) {
            boolean right = i % 2 == 1;
            a[i] = (right ? 2 : -2) + 0.5 * random.nextGaussian();
            b[i] = (right ? 1 : 0) + 0.5 * random.nextGaussian();
            side[i] = right ? "right" : "left";
        }
        return Table.create(
                "clouds", DoubleColumn.create("a", a), DoubleColumn.create("b", b), StringColumn.create("side", side));
    }

    @Test
    void theLinearRegressorRecoversKnownCoefficients() {
        FittedPipeline fitted = Pipeline.of(Linear.regressor()).target("y").fit(plane(500, 0.01, 1));

        LinearModel model = (LinearModel) fitted.model();
        assertThat(model.task()).isEqualTo(Task.REGRESSION);
        assertThat(model.features()).containsExactly("x1", "x2");
        assertThat(model.weights()).hasDimensions(1, 2);
        assertThat(model.weights()[0][0]).isCloseTo(3.0, within(0.005));
        assertThat(model.weights()[0][1]).isCloseTo(-2.0, within(0.005));
        assertThat(model.intercept()[0]).isCloseTo(5.0, within(0.01));
        assertThat(fitted.predictValue(Map.of("x1", 1.0, "x2", 2.0))).isCloseTo(4.0, within(0.01));
        assertThat(fitted.metrics().get("train").get("r2")).isGreaterThan(0.9999);
        assertThat(fitted.metrics().get("train").get("rmse")).isCloseTo(0.01, within(0.002));
        // importance is the absolute weight
        assertThat(model.featureImportance().keySet()).containsExactly("x1", "x2");
    }

    @Test
    void theLinearRegressorGeneralizesToFreshRows() {
        FittedPipeline fitted = Pipeline.of(Linear.regressor()).target("y").fit(plane(300, 0.01, 2));
        assertThat(fitted.evaluate(plane(200, 0.01, 3)).get("rmse")).isLessThan(0.02);
    }

    @Test
    void logisticRegressionSeparatesTwoClouds() {
        FittedPipeline fitted = Pipeline.of(Linear.logistic()).target("side").fit(twoClouds(400, 4));

        assertThat(fitted.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(fitted.classes()).containsExactly("left", "right");
        assertThat(fitted.evaluate(twoClouds(200, 5)).get("accuracy")).isGreaterThan(0.97);
        assertThat(fitted.metrics().get("test").get("roc_auc")).isGreaterThan(0.99);

        Prediction right = fitted.predict(Map.of("a", 2.5, "b", 1.0));
        assertThat(right.label()).isEqualTo("right");
        assertThat(right.value()).isEqualTo(1.0);
        assertThat(right.probability("right")).isGreaterThan(0.95);
        assertThat(right.probability("left") + right.probability("right")).isCloseTo(1.0, within(1e-12));
        assertThat(fitted.predict(Map.of("a", -2.5, "b", 0.0)).label()).isEqualTo("left");

        LinearModel model = (LinearModel) fitted.model();
        assertThat(model.weights()).hasDimensions(2, 2); // one weight row per class
        assertThat(model.weights()[1][0]).isGreaterThan(model.weights()[0][0]); // larger a → more "right"
    }

    @Test
    void aLinearModelRefusesMissingFeaturesAndSaysToAddImpute() {
        Table withGaps = plane(50, 0.01, 6);
        withGaps.doubleColumn("x2").setMissing(3);

        assertThatThrownBy(() -> Pipeline.of(Linear.regressor()).target("y").fit(withGaps))
                .isInstanceOf(PipelineException.class)
                .hasMessage("feature 'x2' has missing values; a linear model needs them filled: add"
                        + " Impute.median(\"x2\") (or another Impute) before it");
        assertThatThrownBy(() -> Pipeline.of(Linear.logistic())
                        .target("y")
                        .fit(withGaps.copy()
                                .replaceColumn(
                                        "y",
                                        StringColumn.create(
                                                "y",
                                                withGaps.doubleColumn("y").asList().stream()
                                                        .map(v -> v > 5 ? "high" : "low")
                                                        .toArray(String[]::new)))))
                .hasMessageContaining("add Impute.median(\"x2\")");

        FittedPipeline imputed =
                Pipeline.of(Impute.median("x2"), Linear.regressor()).target("y").fit(withGaps);
        assertThat(imputed.inputSchema().field("x2").orElseThrow().nullable()).isTrue();
        assertThat(((LinearModel) imputed.model()).weights()[0][0]).isCloseTo(3.0, within(0.05));
    }

    @Test
    void anXGBoostListenerHearsEveryRoundAndCanStopTraining() {
        List<Integer> steps = new ArrayList<>();
        List<Double> rmse = new ArrayList<>();
        FittedPipeline fitted = Pipeline.of(
                        XGBoost.regressor().rounds(50).maxDepth(3).threads(1))
                .target("y")
                .fit(plane(300, 0.1, 7), (step, total, metrics) -> {
                    assertThat(total).isEqualTo(50);
                    assertThat(metrics).containsOnlyKeys("train-rmse");
                    steps.add(step);
                    rmse.add(metrics.get("train-rmse"));
                    return step < 5;
                });

        assertThat(steps).containsExactly(1, 2, 3, 4, 5);
        assertThat(rmse).isSortedAccordingTo((a, b) -> Double.compare(b, a)); // training error only falls
        XGBoostModel model = (XGBoostModel) fitted.model();
        assertThat(model.trees().numTrees()).isEqualTo(5);
        assertThat(model.summary()).startsWith("5 trees, depth 3");
    }

    @Test
    void xgboostTrainsEveryPlannedRoundWhenTheListenerNeverStops() {
        List<Integer> steps = new ArrayList<>();
        FittedPipeline fitted = Pipeline.of(
                        XGBoost.regressor().rounds(8).maxDepth(2).threads(1))
                .target("y")
                .fit(plane(200, 0.1, 8), (step, total, metrics) -> steps.add(step));

        assertThat(steps).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(((XGBoostModel) fitted.model()).trees().numTrees()).isEqualTo(8);
    }

    @Test
    void anInterruptEndsAnXGBoostFitBetweenRoundsWithAClearError() {
        Pipeline pipeline = Pipeline.of(
                        XGBoost.regressor().rounds(100_000).maxDepth(2).threads(1))
                .target("y");
        try {
            assertThatThrownBy(() -> pipeline.fit(plane(200, 0.1, 9), (step, total, metrics) -> {
                        if (step == 3) {
                            Thread.currentThread().interrupt(); // as a notebook's interrupt does to the cell's thread
                        }
                        return true;
                    }))
                    .isInstanceOf(FitInterruptedException.class)
                    .hasMessage("XGBoost training was interrupted after 3 of 100000 rounds");
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the interrupt status stays set")
                    .isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anInterruptEndsAnMlpFitBetweenEpochsWithAClearError() {
        Pipeline pipeline =
                Pipeline.of(Mlp.regressor().hidden(4).epochs(1_000).seed(3)).target("y");
        try {
            assertThatThrownBy(() -> pipeline.fit(plane(100, 0.1, 10), (epoch, total, metrics) -> {
                        if (epoch == 2) {
                            Thread.currentThread().interrupt();
                        }
                        return true;
                    }))
                    .isInstanceOf(FitInterruptedException.class)
                    .hasMessage("MLP training was interrupted after 2 of 1000 epochs");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anMlpClassifierTrainsInsideAPipelineAndPredictsProbabilities() {
        List<Double> losses = new ArrayList<>();
        Mlp mlp = Mlp.classifier()
                .hidden(8)
                .epochs(5)
                .batchSize(32)
                .learningRate(0.01)
                .seed(3);
        FittedPipeline fitted = Pipeline.of(mlp)
                .target("side")
                .fit(twoClouds(300, 9), (epoch, total, metrics) -> losses.add(metrics.get("train-loss")));

        assertThat(losses).hasSize(5).allMatch(Double::isFinite);
        assertThat(fitted.classes()).containsExactly("left", "right");
        Table test = twoClouds(100, 10);
        Table scored = fitted.predict(test);
        DoubleColumn left = scored.doubleColumn("probability(left)");
        DoubleColumn right = scored.doubleColumn("probability(right)");
        for (int i = 0; i < scored.rowCount(); i++) {
            assertThat(left.get(i)).isBetween(0.0, 1.0);
            assertThat(left.get(i) + right.get(i)).as("row %d", i).isCloseTo(1.0, within(1e-6));
            String expected = right.get(i) > left.get(i) ? "right" : "left";
            assertThat(scored.stringColumn("prediction").get(i)).isEqualTo(expected);
        }
        assertThat(fitted.evaluate(test).get("accuracy")).isGreaterThan(0.9);
    }

    @Test
    void modelSettingsAreCheckedWhenGiven() {
        assertThatThrownBy(() -> XGBoost.regressor().rounds(0)).hasMessage("XGBoost rounds must be at least 1, got 0");
        assertThatThrownBy(() -> XGBoost.classifier().param("objective", "reg:squarederror"))
                .hasMessage("'objective' follows from regressor()/classifier() and the target");
        assertThatThrownBy(() -> Linear.regressor().l2(-1)).hasMessage("l2 must be ≥ 0, got -1.0");
        assertThatThrownBy(() -> Mlp.classifier().hidden(4, 0))
                .hasMessage("hidden layer sizes must be ≥ 1, got [4, 0]");
    }
}
