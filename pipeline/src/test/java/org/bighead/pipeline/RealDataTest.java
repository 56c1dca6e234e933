package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bighead.pipeline.data.SklearnDatasets;
import org.bighead.pipeline.model.Linear;
import org.bighead.pipeline.model.LinearModel;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.stages.Scale;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Trains on real public data sets (the CSV files scikit-learn's wheel ships, read by {@link SklearnDatasets}) and
 * checks the scores against what the literature reports for them.
 */
class RealDataTest {

    private static final String TARGET = SklearnDatasets.TARGET;

    /** Every column except the label. */
    private static String[] features(Table t) {
        return t.columnNames().stream().filter(c -> !c.equals(TARGET)).toArray(String[]::new);
    }

    @Test
    void breastCancerWithXGBoost() {
        // Wisconsin diagnostic breast cancer (569 tumours, 30 nucleus measurements): published classifiers reach
        // 95-97 % accuracy, and tree ensembles an ROC AUC around 0.99.
        Split.Parts split = Split.random(SklearnDatasets.breastCancer(), 0.75, 42);
        FittedPipeline model = Pipeline.of(
                        XGBoost.classifier().rounds(100).maxDepth(3).threads(2))
                .target(TARGET)
                .fit(split.train());

        assertThat(model.classes()).containsExactly("benign", "malignant");
        assertThat(model.inputSchema().names()).hasSize(30);
        Metrics test = model.evaluate(split.test());
        assertThat(test.get("accuracy")).isGreaterThan(0.93);
        assertThat(test.get("roc_auc")).isGreaterThan(0.97);
        assertThat(model.metrics().get("train").get("accuracy")).isGreaterThanOrEqualTo(test.get("accuracy"));
        // the "worst" (largest) measurements carry most of the signal, as in the original study
        String top = model.model().featureImportance().keySet().iterator().next();
        assertThat(top).containsAnyOf("worst", "concave");
    }

    @Test
    void breastCancerWithLogisticRegressionOnStandardizedFeatures() {
        Table data = SklearnDatasets.breastCancer();
        Split.Parts split = Split.random(data, 0.75, 42);
        FittedPipeline model = Pipeline.of(Scale.standard(features(data)), Linear.logistic())
                .target(TARGET)
                .fit(split.train());

        Metrics test = model.evaluate(split.test());
        assertThat(test.get("accuracy")).isGreaterThan(0.93);
        assertThat(test.get("roc_auc")).isGreaterThan(0.97);
        Scale.Fitted scale = (Scale.Fitted) model.stage("scale");
        assertThat(scale.columns()).hasSize(30);
        // "mean radius" of the training rows: about 14.1 ± 3.5 in the full data set
        assertThat(scale.offsets().get(0)).isCloseTo(14.1, within(0.5));
        assertThat(scale.scales().get(0)).isCloseTo(3.5, within(0.5));
    }

    @Test
    void diabetesWithLeastSquaresMatchesThePublishedFit() {
        // Efron, Hastie, Johnstone and Tibshirani, "Least Angle Regression" (2004), table 1: ordinary least squares on
        // all ten baseline variables of the 442 patients explains R² = 0.518 of disease progression
        // (scikit-learn's LinearRegression gives 0.51775 on the same raw data).
        Table data = SklearnDatasets.diabetes();
        FittedPipeline all = Pipeline.of(Linear.regressor()).target(TARGET).fit(data);
        assertThat(all.metrics().get("train").get("r2")).isCloseTo(0.51775, within(0.0005));
        // and the same coefficients as scikit-learn's: +5.60 per unit of BMI, -22.9 for sex 2, +68.5 per unit of s5
        LinearModel ols = (LinearModel) all.model();
        List<String> names = ols.features();
        assertThat(ols.weights()[0][names.indexOf("bmi")]).isCloseTo(5.603, within(0.01));
        assertThat(ols.weights()[0][names.indexOf("sex")]).isCloseTo(-22.86, within(0.05));
        assertThat(ols.weights()[0][names.indexOf("s5")]).isCloseTo(68.48, within(0.5));
        assertThat(ols.intercept()[0]).isCloseTo(-334.6, within(2.0));

        Split.Parts split = Split.random(data, 0.75, 42);
        FittedPipeline model = Pipeline.of(Linear.regressor()).target(TARGET).fit(split.train());
        Metrics test = model.evaluate(split.test());
        assertThat(test.get("r2")).isGreaterThan(0.3);
        // disease progression ranges 25-346; the residual error of the linear fit is about 54 in the literature
        assertThat(test.get("rmse")).isBetween(45.0, 65.0);
    }

    @Test
    void irisWithXGBoost() {
        // Fisher's iris: three species, one linearly separable from the other two; ~95 % is the usual accuracy.
        Split.Parts split = Split.random(SklearnDatasets.iris(), 0.7, 42);
        FittedPipeline model = Pipeline.of(
                        XGBoost.classifier().rounds(50).maxDepth(3).threads(2))
                .target(TARGET)
                .fit(split.train());

        assertThat(model.classes()).containsExactly("setosa", "versicolor", "virginica");
        Metrics test = model.evaluate(split.test());
        assertThat(test.get("accuracy")).isGreaterThan(0.9);
        assertThat(test.get("roc_auc")).isGreaterThan(0.95);
        Prediction setosa = model.predict(java.util.Map.of(
                "sepal length (cm)", 5.1, "sepal width (cm)", 3.5, "petal length (cm)", 1.4, "petal width (cm)", 0.2));
        assertThat(setosa.label()).isEqualTo("setosa");
        assertThat(setosa.probabilities().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(1.0, within(1e-6));
    }
}
