package org.bighead.productionize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The one-line job specs of {@code --schedule} and {@code --batch}. */
class ScheduleSpecTest {

    @Test
    void aWeeklyRetrainPromotesToTheExportsAlias() {
        ScheduleSpec spec = ScheduleSpec.schedule("retrain @weekly --metric test.rmse", "listing-price", "champion");
        assertThat(spec.job()).isEqualTo("listing-price-retrain");
        assertThat(spec.kind()).isEqualTo("retrain");
        assertThat(spec.schedule()).isEqualTo("@weekly");
        assertThat(spec.options()).containsEntry("metric", "test.rmse").containsEntry("promoteTo", "champion");
        assertThat(spec.toJson("listing-price@champion").toString())
                .contains("\"model\":\"listing-price@champion\"", "\"schedule\":\"@weekly\"");
    }

    @Test
    void daysAtAClockTimeAndCronFieldsAreSchedulesToo() {
        assertThat(ScheduleSpec.schedule("retrain daily 03:00 --metric t.mae --margin 0.5 --promote-to best", "m", null)
                        .schedule())
                .isEqualTo("0 3 * * *");
        assertThat(ScheduleSpec.schedule("retrain daily 03:00 --metric t.mae --margin 0.5 --promote-to best", "m", null)
                        .options())
                .containsEntry("margin", 0.5)
                .containsEntry("promoteTo", "best");
        assertThat(ScheduleSpec.schedule("evaluate 30 6 * * 1-5 --input 'new rows.csv'", "m", null))
                .satisfies(s -> {
                    assertThat(s.schedule()).isEqualTo("30 6 * * 1-5");
                    assertThat(s.options()).containsEntry("input", "new rows.csv");
                });
        assertThat(ScheduleSpec.schedule("retrain weekly --job nightly --retries 3 --metric t.mae", "m", "a"))
                .satisfies(s -> {
                    assertThat(s.job()).isEqualTo("nightly");
                    assertThat(s.options()).containsEntry("maxRetries", 3);
                });
    }

    @Test
    void betterSaysWhichWayAMetricOfYourOwnImproves() {
        ScheduleSpec spec =
                ScheduleSpec.schedule("retrain @weekly --metric test.recall_at_5 --better higher", "m", "a");
        assertThat(spec.options()).containsEntry("better", "higher");
        assertThat(spec.toJson("m@a").path("better").asText()).isEqualTo("higher");
    }

    @Test
    void aJobDiffersBySettingAndALeftOutSettingIsTheRegistrysDefault() {
        ScheduleSpec spec = ScheduleSpec.schedule("retrain @weekly --metric test.mae --margin 1", "m", "champion");
        ObjectNode same = spec.toJson("m@champion")
                .put("timeZone", "UTC")
                .put("catchUp", "latest")
                .put("maxRetries", 2)
                .put("timeoutSeconds", 3600)
                .put("paused", false);
        assertThat(spec.differences(same, "m@champion")).isEmpty();

        ObjectNode changed =
                same.deepCopy().put("margin", 0.5).put("better", "lower").put("timeZone", "Europe/Paris");
        assertThat(spec.differences(changed, "m@champion"))
                .containsExactly(
                        "better lower (this export: none)",
                        "margin 0.5 (this export: 1)",
                        "timeZone Europe/Paris (this export: UTC)");
        assertThat(spec.differences(same, "m/3")).containsExactly("model m@champion (this export: m/3)");
    }

    @Test
    void aBatchLineIsABatchScoreJob() {
        ScheduleSpec spec = ScheduleSpec.batch("@daily --input in.csv --output out.parquet", "m", "champion");
        assertThat(spec.kind()).isEqualTo("batch-score");
        assertThat(spec.job()).isEqualTo("m-batch-score");
        assertThat(spec.options()).containsEntry("input", "in.csv").doesNotContainKey("promoteTo");
    }

    @Test
    void relativePathsStartWhereTheyWereTypedWhileUrlsAndAbsolutePathsStay() {
        java.nio.file.Path notebooks = java.nio.file.Path.of("/home/maya/notebooks");
        ScheduleSpec spec = ScheduleSpec.batch("@daily --input data/in.csv --output scores/{date}.parquet", "m", null)
                .resolvedAgainst(notebooks);
        assertThat(spec.options())
                .containsEntry("input", "/home/maya/notebooks/data/in.csv")
                .containsEntry("output", "/home/maya/notebooks/scores/{date}.parquet");
        assertThat(ScheduleSpec.schedule(
                                "retrain @weekly --metric t.mae --input s3://bucket/week.csv --notebook /srv/train.ipynb",
                                "m",
                                "champion")
                        .resolvedAgainst(notebooks)
                        .options())
                .containsEntry("input", "s3://bucket/week.csv")
                .containsEntry("notebook", "/srv/train.ipynb")
                .containsEntry("metric", "t.mae");
    }

    @Test
    void badLinesSayWhatIsValid() {
        assertThatThrownBy(() -> ScheduleSpec.schedule("nightly retrain", "m", null))
                .hasMessageContaining("must start with its kind: retrain, evaluate or batch-score");
        assertThatThrownBy(() -> ScheduleSpec.schedule("retrain sometimes", "m", null))
                .hasMessageContaining("say when as @daily");
        assertThatThrownBy(() -> ScheduleSpec.schedule("retrain @weekly", "m", null))
                .hasMessageContaining("a retrain job needs --metric");
        assertThatThrownBy(() -> ScheduleSpec.schedule("retrain @weekly --metric test.mae", "m", null))
                .hasMessageContaining("give the export --alias, or the job --promote-to ALIAS");
        assertThatThrownBy(() -> ScheduleSpec.schedule("retrain @daily --metrc mae", "m", null))
                .hasMessageContaining("unknown option --metrc");
        assertThatThrownBy(() -> ScheduleSpec.schedule("retrain @daily --margin lots", "m", null))
                .hasMessageContaining("--margin takes a number, got 'lots'");
        assertThatThrownBy(() -> ScheduleSpec.batch("@daily --input in.csv", "m", null))
                .hasMessageContaining("needs --input and --output");
        assertThatThrownBy(() -> ScheduleSpec.schedule("retrain @daily --metric", "m", null))
                .hasMessageContaining("--metric needs a value");
        assertThatThrownBy(() -> ScheduleSpec.schedule("retrain @daily --input 'x", "m", null))
                .hasMessageContaining("a quote is not closed");
    }
}
