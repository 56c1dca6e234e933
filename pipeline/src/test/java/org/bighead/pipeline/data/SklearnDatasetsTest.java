package org.bighead.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads the real files of the scikit-learn in the project's venv. Never skipped: without the venv
 * these tests fail with the message that says to run setup.
 */
class SklearnDatasetsTest {

    private static Path data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findTheVenv() {
        data = SklearnDatasets.requireDataDir();
    }

    @Test
    void breastCancerHas569RowsOf30FeaturesAndATarget() {
        Table t = SklearnDatasets.breastCancer(data);
        assertThat(t.rowCount()).isEqualTo(569);
        assertThat(t.columnCount()).isEqualTo(31);
        assertThat(t.columnNames())
                .startsWith("mean radius", "mean texture")
                .endsWith("worst fractal dimension", "target");
        StringColumn target = t.stringColumn(SklearnDatasets.TARGET);
        assertThat(target.unique().asList()).containsExactlyInAnyOrder("malignant", "benign");
        assertThat(target.isEqualTo("malignant").size()).isEqualTo(212);
        assertThat(target.isEqualTo("benign").size()).isEqualTo(357);
        assertThat(t.doubleColumn("mean radius").get(0)).isEqualTo(17.99);
    }

    @Test
    void irisHas150RowsOf4FeaturesAndThreeSpecies() {
        Table t = SklearnDatasets.iris(data);
        assertThat(t.shape()).isEqualTo("iris: 150 rows X 5 cols");
        assertThat(t.columnNames())
                .containsExactly(
                        "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)", "target");
        StringColumn target = t.stringColumn(SklearnDatasets.TARGET);
        for (String species : new String[] {"setosa", "versicolor", "virginica"}) {
            assertThat(target.isEqualTo(species).size()).as(species).isEqualTo(50);
        }
    }

    @Test
    void wineHas178RowsOf13FeaturesAndThreeClasses() {
        Table t = SklearnDatasets.wine(data);
        assertThat(t.rowCount()).isEqualTo(178);
        assertThat(t.columnCount()).isEqualTo(14);
        assertThat(t.columnNames()).startsWith("alcohol", "malic_acid").endsWith("proline", "target");
        StringColumn target = t.stringColumn(SklearnDatasets.TARGET);
        assertThat(target.isEqualTo("class_0").size()).isEqualTo(59);
        assertThat(target.isEqualTo("class_1").size()).isEqualTo(71);
        assertThat(target.isEqualTo("class_2").size()).isEqualTo(48);
    }

    @Test
    void diabetesHas442RowsOf10RawFeaturesAndANumericTarget() {
        Table t = SklearnDatasets.diabetes(data);
        assertThat(t.rowCount()).isEqualTo(442);
        assertThat(t.columnCount()).isEqualTo(11);
        assertThat(t.columnNames())
                .containsExactly("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "target");
        assertThat(t.column(SklearnDatasets.TARGET).type()).isEqualTo(ColumnType.DOUBLE);
        // The first patient, as in load_diabetes(scaled=False): age 59, sex 2, target 151.
        assertThat(t.doubleColumn("age").get(0)).isEqualTo(59.0);
        assertThat(t.doubleColumn("sex").get(0)).isEqualTo(2.0);
        assertThat(t.doubleColumn(SklearnDatasets.TARGET).get(0)).isEqualTo(151.0);
        assertThat(t.doubleColumn(SklearnDatasets.TARGET).min()).isEqualTo(25.0);
        assertThat(t.doubleColumn(SklearnDatasets.TARGET).max()).isEqualTo(346.0);
    }

    @Test
    void theNoArgumentLoadersReadTheSameFiles() {
        assertThat(SklearnDatasets.iris().rowCount()).isEqualTo(150);
        assertThat(SklearnDatasets.dataDir()).contains(data);
    }

    @Test
    void aVenvIsFoundInAParentOfTheWorkingDirectory() throws IOException {
        Path found =
                Files.createDirectories(tmp.resolve("repo/.venv/lib/python3.12/site-packages/sklearn/datasets/data"));
        Path module = Files.createDirectories(tmp.resolve("repo/pipeline"));
        assertThat(SklearnDatasets.dataDir(null, module)).contains(found);
    }

    @Test
    void anExplicitVenvWinsAndIsNotSecondGuessed() throws IOException {
        Files.createDirectories(tmp.resolve("repo/.venv/lib/python3.12/site-packages/sklearn/datasets/data"));
        Path module = tmp.resolve("repo/pipeline");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        assertThat(SklearnDatasets.dataDir(elsewhere.toString(), module)).isEmpty();
    }

    @Test
    void aMissingVenvFailsWithAHintToRunSetup() {
        Path nowhere = tmp.resolve("nowhere");
        assertThatThrownBy(() -> SklearnDatasets.requireDataDir(nowhere.toString(), tmp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("scikit-learn's data sets not found: run ./bighead setup (looked in ")
                .hasMessageContaining(nowhere.toString());
    }
}
