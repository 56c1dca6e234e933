package org.bighead.productionize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.registry.RegistryApp;
import org.bighead.registry.RegistryConfig;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export flow against a real registry in this JVM (its scheduler off): what each step makes, what a second
 * export of the same model does, and that a failure at any step leaves no version, alias move or job behind.
 */
class ExporterTest {
    @TempDir
    static Path dir;

    private static RegistryApp registry;
    private static RegistryClient client;
    private static FittedPipeline model;
    private static FittedPipeline retrained;
    private static final Provenance NOTEBOOK = new Provenance(
            "work/price.ipynb",
            List.of("var model = ListingsPipelines.price().fit(data);"),
            "maya",
            "java17-cpu",
            null,
            "model",
            List.of(),
            List.of());

    @BeforeAll
    static void aRegistryAndTwoModels() throws Exception {
        registry = RegistryApp.start(
                RegistryConfig.local(dir.resolve("data")).port(0).jobWorkers(0));
        client = new RegistryClient(
                registry.url(),
                Files.readString(dir.resolve("data").resolve("admin.token")).strip());
        var data = Listings.generate(1_500, 42);
        model = ListingsPipelines.price().fit(data);
        retrained = Pipeline.of(
                        ListingsPipelines.preprocessingThen(XGBoost.regressor().rounds(15)))
                .target("price")
                .fit(data);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** Step events as lines, as the CLI prints them. */
    private static final class Steps implements ExportListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void done(ExportStep step, long millis, String detail) {
            lines.add("done " + step.label() + ": " + detail);
        }

        @Override
        public void skipped(ExportStep step) {
            lines.add("skipped " + step.label());
        }

        @Override
        public void failed(ExportStep step, long millis, String message) {
            lines.add("failed " + step.label() + ": " + message);
        }

        @Override
        public void rolledBack(String what) {
            lines.add("rolled back: " + what);
        }
    }

    private static Exporter exporter() {
        return new Exporter(client, null);
    }

    @Test
    void anExportRegistersMovesTheAliasAndSchedulesThenASecondSaysUnchanged() {
        Steps steps = new Steps();
        ExportRequest request = ExportRequest.of("price-export")
                .withAlias("champion")
                .withSchedule("retrain @weekly --metric train.mae");
        Exporter.Result result = exporter().export(model, NOTEBOOK, request, steps);

        assertThat(result.unchanged()).isFalse();
        assertThat(client.aliases("price-export")).containsEntry("champion", result.version());
        var version = client.version("price-export", result.version());
        assertThat(version.lineage().notebook()).isEqualTo("work/price.ipynb");
        assertThat(version.lineage().user()).isEqualTo("maya");
        assertThat(client.job("price-export-retrain").path("model").asText()).isEqualTo("price-export@champion");
        assertThat(client.job("price-export-retrain").path("promoteTo").asText())
                .isEqualTo("champion");
        assertThat(steps.lines)
                .anySatisfy(l -> assertThat(l).startsWith("done validate: 11 input columns, 20 smoke predictions"))
                .contains("done register: registered price-export v" + result.version(), "skipped serve")
                .anySatisfy(l -> assertThat(l).startsWith("done schedule: price-export-retrain @weekly"));

        Steps again = new Steps();
        Exporter.Result second = exporter().export(model, NOTEBOOK, request, again);
        assertThat(second.unchanged()).isTrue();
        assertThat(second.version()).isEqualTo(result.version());
        assertThat(again.lines)
                .contains("done register: unchanged: already registered as price-export v" + result.version())
                .anySatisfy(l -> assertThat(l).contains("price-export-retrain (kept)"));
        assertThat(client.versions("price-export")).hasSize(1);
    }

    @Test
    void aJobClashFailsTheScheduleStepBeforeItCreatesAnyJob() {
        exporter().export(model, NOTEBOOK, ExportRequest.of("clash").withAlias("champion"), ExportListener.NONE);
        client.createJob(ScheduleSpec.schedule("retrain @daily --metric train.mae", "clash", "champion")
                .toJson("clash@champion"));
        ExportRequest request = ExportRequest.of("clash")
                .withAlias("champion")
                .withBatch("@daily --input in.csv --output " + dir.resolve("clash.parquet"))
                .withSchedule("retrain @weekly --metric train.mae");
        assertThatThrownBy(() -> exporter().export(retrained, NOTEBOOK, request, ExportListener.NONE))
                .hasMessageContaining("schedule failed: job clash-retrain exists with other settings: schedule @daily"
                        + " (this export: @weekly); delete it first (./bighead jobs delete clash-retrain)");
        assertThatThrownBy(() -> client.job("clash-batch-score")).isInstanceOf(RegistryException.class);
        assertThat(client.versions("clash")).hasSize(1);
    }

    @Test
    void anExportWhoseJobSettingsChangedSaysWhatDiffersInsteadOfKeepingTheOldJob() {
        ExportRequest request = ExportRequest.of("margins")
                .withAlias("champion")
                .withSchedule("retrain @weekly --metric train.mae --margin 0.5");
        exporter().export(model, NOTEBOOK, request, ExportListener.NONE);

        ExportRequest changed = ExportRequest.of("margins")
                .withAlias("champion")
                .withSchedule("retrain @weekly --metric train.mae --margin 1 --better lower");
        assertThatThrownBy(() -> exporter().export(model, NOTEBOOK, changed, ExportListener.NONE))
                .hasMessageContaining("job margins-retrain exists with other settings: better none (this export:"
                        + " lower), margin 0.5 (this export: 1); delete it first");
        assertThat(client.job("margins-retrain").path("margin").asDouble()).isEqualTo(0.5);
    }

    @Test
    void relativeJobPathsStartAtTheRequestsFolderNotTheJvms() {
        ExportRequest request = ExportRequest.of("relative")
                .withBatch("@daily --input in.csv --output scores/{date}.parquet")
                .withWorkingDir(dir.resolve("notebooks"));
        assertThat(dir.resolve("notebooks/scores").toFile().mkdirs()).isTrue();

        exporter().export(model, NOTEBOOK, request, ExportListener.NONE);

        var job = client.job("relative-batch-score");
        assertThat(job.path("input").asText())
                .isEqualTo(dir.resolve("notebooks/in.csv").toString());
        assertThat(job.path("output").asText())
                .isEqualTo(dir.resolve("notebooks/scores/{date}.parquet").toString());
    }

    @Test
    void aFailedScheduleRollsBackTheJobsTheVersionAndTheAliasMove() {
        Exporter.Result first = exporter()
                .export(model, NOTEBOOK, ExportRequest.of("rollback").withAlias("champion"), ExportListener.NONE);
        // the retrain job is made, then the registry refuses the batch job: there is no such time zone
        Steps steps = new Steps();
        ExportRequest request = ExportRequest.of("rollback")
                .withAlias("champion")
                .withSchedule("retrain @weekly --metric train.mae")
                .withBatch(
                        "@daily --input in.csv --output " + dir.resolve("out.parquet") + " --time-zone Mars/Olympus");

        assertThatThrownBy(() -> exporter().export(retrained, NOTEBOOK, request, steps))
                .isInstanceOfSatisfying(ExportException.class, e -> {
                    assertThat(e.step()).isEqualTo(ExportStep.SCHEDULE);
                    assertThat(e.getMessage()).contains("schedule failed: ").contains("Mars/Olympus");
                });

        int made = first.version() + 1;
        assertThat(steps.lines)
                .containsSubsequence(
                        "done register: registered rollback v" + made,
                        "rolled back: deleted job rollback-retrain",
                        "rolled back: moved champion back to v" + first.version(),
                        "rolled back: deleted rollback v" + made);
        assertThat(client.aliases("rollback")).containsEntry("champion", first.version());
        assertThat(client.versions("rollback")).extracting(v -> v.version()).containsExactly(first.version());
        assertThatThrownBy(() -> client.job("rollback-retrain")).isInstanceOf(RegistryException.class);

        // the deleted number is never given again
        Exporter.Result next =
                exporter().export(retrained, NOTEBOOK, ExportRequest.of("rollback"), ExportListener.NONE);
        assertThat(next.version()).isEqualTo(made + 1);
    }

    @Test
    void aScheduleThatDoesNotParseFailsValidationAndMakesNothing() {
        Steps steps = new Steps();
        assertThatThrownBy(() -> exporter()
                        .export(model, NOTEBOOK, ExportRequest.of("never-made").withSchedule("retrain someday"), steps))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.step()).isEqualTo(ExportStep.VALIDATE))
                .hasMessageContaining("say when as @daily");
        assertThat(steps.lines).singleElement().asString().startsWith("failed validate:");
        assertThatThrownBy(() -> client.model("never-made")).isInstanceOf(RegistryException.class);
    }

    @Test
    void aMetricTheModelNeverRecordedIsRefusedBeforeAnythingHappens() {
        assertThatThrownBy(() -> exporter()
                        .export(
                                model,
                                NOTEBOOK,
                                ExportRequest.of("no-metric")
                                        .withAlias("champion")
                                        .withSchedule("retrain @daily --metric" + " test.auc"),
                                ExportListener.NONE))
                .hasMessageContaining("validate failed: job no-metric-retrain compares on test.auc, which this model"
                        + " never recorded; it has [train.mae");
        assertThatThrownBy(() -> client.model("no-metric")).isInstanceOf(RegistryException.class);
    }

    @Test
    void badNamesAreRefusedBeforeAnythingHappens() {
        assertThatThrownBy(() ->
                        exporter().export(model, NOTEBOOK, ExportRequest.of("Listing Price"), ExportListener.NONE))
                .hasMessageContaining("--name 'Listing Price' is not a model name");
        assertThatThrownBy(() -> exporter()
                        .export(model, NOTEBOOK, ExportRequest.of("ok").withAlias("Champion!"), ExportListener.NONE))
                .hasMessageContaining("--alias 'Champion!' is not an alias");
    }

    @Test
    void aRegistryThatIsDownFailsTheRegisterStepAndSaysWhere() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Exporter offline = new Exporter(new RegistryClient("http://127.0.0.1:" + closedPort, "t"), null);
        assertThatThrownBy(() -> offline.export(model, NOTEBOOK, ExportRequest.of("offline"), ExportListener.NONE))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.step()).isEqualTo(ExportStep.REGISTER))
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }
}
