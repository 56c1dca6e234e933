package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What must hold when uploads race, break off, lie about their hash, carry hostile names or broken content.
 * Subclasses choose the database; every test starts a fresh, empty registry.
 */
abstract class RegistryReliabilityContract {
    @TempDir
    Path dir;

    TestRegistry registry;
    RegistryClient admin;

    /** A fresh, empty registry's configuration, with its data folder in {@code dir}. */
    abstract RegistryConfig config(Path dir) throws Exception;

    @BeforeEach
    void start() throws Exception {
        registry = TestRegistry.start(config(dir));
        admin = registry.admin();
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void twentyConcurrentWritersGetVersionsOneToTwentyExactly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Version>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Path bundle = i % 2 == 0 ? TestBundles.first() : TestBundles.second();
                // force: the same bytes again would otherwise be answered with their existing version
                futures.add(pool.submit(
                        () -> admin.register("race", bundle, null, true).version()));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<Version> f : futures) {
                numbers.add(f.get().version());
            }
            assertThat(numbers)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, 20).boxed().toList());
            assertThat(admin.model("race").versionCount()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUploadCutOffMidwayLeavesNoVersionAndNoFile() throws Exception {
        byte[] bundle = Files.readAllBytes(TestBundles.first());
        String boundary = "cut-off-boundary";
        String info = "{\"sha256\":\"" + RegistryClient.sha256(TestBundles.first()) + "\"}";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"info\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + info + "\r\n--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"bundle\"; filename=\"b.bighead\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        long fullLength = (long) head.length + bundle.length + ("\r\n--" + boundary + "--\r\n").length();
        URI url = URI.create(registry.url());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/models/cut/versions HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                            + "Authorization: Bearer " + registry.adminToken + "\r\n"
                            + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                            + "Content-Length: " + fullLength + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(head);
            out.write(bundle, 0, bundle.length / 2);
            out.flush();
        } // closed with half the bundle sent

        // the server notices the closed connection on its own thread: wait (with a deadline) until its temp file is
        // gone
        Path tmp = registry.config.tmpDir();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (filesUnder(tmp) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(filesUnder(tmp)).as("temp files left in " + tmp).isZero();
        assertThat(filesUnder(registry.config.localArtifactsDir()))
                .as("artifacts")
                .isZero();
        assertThatThrownBy(() -> admin.model("cut"))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));

        // and the server is fine afterwards
        assertThat(admin.register("cut", TestBundles.first(), null).version()).isEqualTo(1);
    }

    @Test
    void aBundleWhoseHashDoesNotMatchIsRejected() throws Exception {
        Path damaged = dir.resolve("damaged.bighead");
        byte[] bytes = Files.readAllBytes(TestBundles.first());
        Files.write(damaged, bytes);
        String trueHash = RegistryClient.sha256(damaged);
        bytes[bytes.length / 2] ^= 0x55; // one byte flipped after the hash was taken
        HttpUpload upload = new HttpUpload(registry.url(), registry.adminToken);

        var response = upload.send("damaged", "{\"sha256\":\"" + trueHash + "\"}", bytes);

        RegistryApiContract.assertError(response, 400, "SHA-256");
        assertThat(filesUnder(registry.config.tmpDir())).isZero();
        assertThat(filesUnder(registry.config.localArtifactsDir())).isZero();
    }

    @Test
    void bytesThatAreNotABundleAreRejectedWithTheReason() throws Exception {
        Path fake = dir.resolve("fake.bighead");
        Files.writeString(fake, "not a zip at all");

        assertThatThrownBy(() -> admin.register("fake", fake, null))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .contains("not a valid Bighead bundle")
                            .doesNotContain(dir.toString());
                });
        assertThat(filesUnder(registry.config.tmpDir())).isZero();
    }

    @Test
    void aBundleOverTheLimitIsRefusedWith413() throws Exception {
        registry.close();
        registry = TestRegistry.start(config(dir).maxBundleBytes(1000));
        assertThatThrownBy(() -> registry.admin().register("big", TestBundles.first(), null))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isIn(413, 0));
        assertThat(filesUnder(registry.config.tmpDir())).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                "../x",
                "a%2Fb",
                "%2e%2e",
                "%2E%2E%2Fetc",
                "Upper",
                "-leading",
                "a..b",
                "caf%C3%A9",
                "%E2%80%AEevil",
                "a%20b",
                "x%00y",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void hostileModelNamesAreRefusedWith400(String encodedName) throws Exception {
        var response = new HttpUpload(registry.url(), registry.adminToken)
                .send(
                        encodedName,
                        "{\"sha256\":\"" + RegistryClient.sha256(TestBundles.first()) + "\"}",
                        Files.readAllBytes(TestBundles.first()));

        assertThat(response.statusCode())
                .as(encodedName + " → " + response.body())
                .isIn(400, 404);
        if (response.statusCode() == 404) {
            // "a/b" and "../x" are different paths to the router: no endpoint, still JSON, still nothing stored
            RegistryApiContract.assertError(response, 404, "no such endpoint");
        } else {
            RegistryApiContract.assertError(response, 400, "");
            // our name check ("not valid"), or Jetty refusing a NUL in the path before routing ("refused")
            assertThat(Json.MAPPER.readTree(response.body()).path("error").asText())
                    .containsAnyOf("not valid", "refused");
        }
        assertThat(admin.models()).isEmpty();
        assertThat(filesUnder(registry.config.localArtifactsDir())).isZero();
    }

    @Test
    void aBundleWithAValidManifestButBrokenMetadataIsRefusedAndNothingIsStored() throws Exception {
        // metrics {"test": null} passes the manifest and JSON checks and breaks only when the metrics are read
        Path broken = BrokenBundles.edited(
                "metadata.json", meta -> meta.putObject("metrics").putNull("test"), dir.resolve("broken.bighead"));

        assertThatThrownBy(() -> admin.register("broken", broken, null))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .contains("not a valid Bighead bundle")
                            .doesNotContain("Exception");
                });
        assertNothingStored("broken");
    }

    @Test
    void aBundleWhoseTargetDoesNotFitItsColumnIsRefusedWith400() throws Exception {
        Path longTarget = BrokenBundles.edited(
                "pipeline.json", p -> p.put("target", "t".repeat(257)), dir.resolve("long.bighead"));
        Path nulTarget =
                BrokenBundles.edited("pipeline.json", p -> p.put("target", "pri\u0000ce"), dir.resolve("nul.bighead"));

        assertThatThrownBy(() -> admin.register("long-target", longTarget, null))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("target").contains("256");
                });
        assertThatThrownBy(() -> admin.register("nul-target", nulTarget, null))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("NUL");
                });
        assertNothingStored("long-target");
        assertNothingStored("nul-target");
    }

    @Test
    void aNulInUploadInfoIsRefusedWith400NamingTheField() throws Exception {
        byte[] bundle = Files.readAllBytes(TestBundles.first());
        String sha = RegistryClient.sha256(TestBundles.first());
        HttpUpload upload = new HttpUpload(registry.url(), registry.adminToken);

        RegistryApiContract.assertError(
                upload.send("nul-info", "{\"sha256\":\"" + sha + "\",\"params\":{\"rounds\":\"1\\u00000\"}}", bundle),
                400,
                "info.params.rounds");
        RegistryApiContract.assertError(
                upload.send("nul-info", "{\"sha256\":\"" + sha + "\",\"description\":\"a\\u0000b\"}", bundle),
                400,
                "info.description");
        RegistryApiContract.assertError(
                upload.send(
                        "nul-info",
                        "{\"sha256\":\"" + sha + "\",\"lineage\":{\"notebook\":\"n\\u0000.ipynb\"}}",
                        bundle),
                400,
                "info.lineage.notebook");
        assertNothingStored("nul-info");
    }

    @Test
    void aJsonBodyOverTheConfiguredLimitGets413NamingThatLimit() throws Exception {
        registry.close();
        registry = TestRegistry.start(config(dir).maxJsonBytes(5000));
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(registry.url() + "/api/models"))
                                .header("Authorization", "Bearer " + registry.adminToken)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(6000) + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        RegistryApiContract.assertError(response, 413, "limited to 5000 bytes");
    }

    private void assertNothingStored(String model) throws Exception {
        assertThatThrownBy(() -> admin.model(model))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(filesUnder(registry.config.tmpDir())).as("temp files").isZero();
        assertThat(filesUnder(registry.config.localArtifactsDir()))
                .as("artifacts")
                .isZero();
    }

    @Test
    void withRequireReadTokenReadsNeedATokenToo() throws Exception {
        registry.close();
        registry = TestRegistry.start(config(dir).requireReadToken(true));
        assertThatThrownBy(() -> registry.anonymous().models())
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
        String reader = registry.admin().createToken("viewer", "read");
        assertThat(registry.withToken(reader).models()).isEmpty();
    }

    static long filesUnder(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
