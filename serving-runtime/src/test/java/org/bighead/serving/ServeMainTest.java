package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bighead serve} as a process: one ready line, SIGTERM stops it; option parsing and model sources. */
class ServeMainTest {
    private static final Pattern READY = Pattern.compile(
            "Serving listing-price [0-9a-f]{12} on (http://127\\.0\\.0\\.1:\\d+) \\(ready in [0-9.]+ s\\)");

    @Test
    void aServeProcessPrintsOneReadyLineAnswersAndStopsOnSigterm() throws Exception {
        Path bundle = TestModels.save(TestModels.price(), "listing-price");
        Path stderr = Files.createTempFile(TestModels.DIR, "serve-", ".err");
        Process p = java(List.of(bundle.toString(), "--port", "0"), stderr);
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            Matcher ready = READY.matcher(String.valueOf(line));
            assertThat(ready.matches()).as("ready line: %s", line).isTrue();
            HttpResponse<String> live = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(ready.group(1) + "/v2/health/live"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS))
                    .as("exits after SIGTERM")
                    .isTrue();
            assertThat(Files.readString(stderr)).contains("Stopping");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aRegistryNameWithNoRegistryThereIsAOneLineErrorNamingIt() throws Exception {
        Files.createDirectories(TestModels.DIR);
        Path stderr = Files.createTempFile(TestModels.DIR, "serve-", ".err");
        Process p = java(List.of("listing-price@prod", "--registry", "http://127.0.0.1:1"), stderr);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        String error = Files.readString(stderr).strip();
        assertThat(error).startsWith("bighead serve: ").contains("127.0.0.1:1").doesNotContain("\tat ");
    }

    @Test
    void aPathIsAFileSourceAndAnythingElseARegistryReference() throws Exception {
        Path bundle = TestModels.save(TestModels.price(), "listing-price");
        assertThat(parsed(bundle.toString()).source()).isInstanceOf(BundleFileSource.class);
        ModelSource champion = parsed("listing-price@champion").source();
        assertThat(champion).isInstanceOf(RegistrySource.class);
        assertThat(champion.name()).isEqualTo("listing-price");
        assertThat(((RegistrySource) champion).follows()).isTrue();
        assertThat(((RegistrySource) parsed("listing-price/3").source()).follows())
                .isFalse();
        assertThatThrownBy(() -> parsed("listing-price/three").source()).hasMessageContaining("not a positive whole");
    }

    @Test
    void aMissingBundleFileIsAOneLineError() {
        assertThatThrownBy(() -> parsed("nowhere/model.bighead").source())
                .hasMessage("no bundle at nowhere/model.bighead");
    }

    @Test
    void aRegistryAliasIsPolledEveryTwoSecondsUnlessTold() {
        ServeMain alias = parsed("listing-price@champion");
        assertThat(alias.config(alias.source()).poll()).isEqualTo(Duration.ofSeconds(2));
        ServeMain pinned = parsed("listing-price/3");
        assertThat(pinned.config(pinned.source()).poll()).isNull();
        ServeMain told = parsed("listing-price@champion", "--poll", "500ms");
        assertThat(told.config(told.source()).poll()).isEqualTo(Duration.ofMillis(500));
    }

    private static ServeMain parsed(String... args) {
        ServeMain main = new ServeMain();
        new picocli.CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void sizesAndDurationsReadAsPeopleWriteThem() {
        assertThat(ByteSize.parse("1m")).isEqualTo(1 << 20);
        assertThat(ByteSize.parse("512k")).isEqualTo(512 << 10);
        assertThat(ByteSize.parse("2MB")).isEqualTo(2 << 20);
        assertThat(ByteSize.parse("100")).isEqualTo(100);
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("not a size: 'lots'");
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration: 'soon'");
    }

    @Test
    void optionsBecomeOneConfig() {
        ServeMain main = new ServeMain();
        new picocli.CommandLine(main)
                .parseArgs(
                        "m.bighead",
                        "--port",
                        "9000",
                        "--max-body",
                        "64k",
                        "--max-inflight",
                        "3",
                        "--poll",
                        "250ms",
                        "--strict");
        ServeConfig c = main.config(new BundleFileSource(Path.of("m.bighead")));
        assertThat(c)
                .isEqualTo(new ServeConfig(
                        "127.0.0.1", 9000, 64 << 10, 3, Duration.ofMillis(250), true, false, Duration.ofSeconds(10)));
        assertThatThrownBy(() -> c.withMaxInflight(0)).hasMessageContaining("--max-inflight");
    }

    private static Process java(List<String> args, Path stderr) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                ServeMain.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }
}
