package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleException;
import org.bighead.pipeline.bundle.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle is trusted only when it is whole and untouched; saving never leaves half a file. */
class BundleSafetyTest {

    @TempDir
    Path dir;

    static byte[] good;

    @BeforeAll
    static void saveOnce() throws Exception {
        good = Bundle.toBytes(Fixtures.price());
    }

    @Test
    void aBundleHoldsTheGraphSchemasMetadataModelFileAndManifest() throws Exception {
        assertThat(entries(good).keySet())
                .containsExactly(
                        "stages/05-xgboost/model.json",
                        "stages/05-xgboost/trees.bin",
                        "pipeline.json",
                        "schema/input.json",
                        "schema/output.json",
                        "metadata.json",
                        "MANIFEST.json");
        ObjectNode pipeline = (ObjectNode) Json.MAPPER.readTree(entries(good).get("pipeline.json"));
        assertThat(pipeline.get("formatVersion").asInt()).isEqualTo(Bundle.FORMAT_VERSION);
        assertThat(pipeline.get("stages")).hasSize(6);
        assertThat(Json.MAPPER.readTree(entries(good).get("metadata.json")).fieldNames())
                .toIterable()
                .contains(
                        "createdAt",
                        "fitMillis",
                        "libraryVersions",
                        "dataFingerprint",
                        "profile",
                        "featureImportance",
                        "metrics");
    }

    @Test
    void savingTheSameModelTwiceGivesTheSameBytes() throws Exception {
        assertThat(Bundle.toBytes(Fixtures.price())).isEqualTo(Bundle.toBytes(Fixtures.price()));
    }

    @Test
    void aTamperedEntryIsRefused() {
        byte[] tampered = rewrite(
                good,
                entries -> {
                    entries.put("schema/input.json", "{\"fields\":[]}".getBytes(StandardCharsets.UTF_8));
                    return entries;
                },
                false);
        assertThatThrownBy(() -> Bundle.read(new ByteArrayInputStream(tampered), "x.bighead"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("'schema/input.json' does not match its SHA-256 in the manifest");
    }

    @Test
    void anEntryNotInTheManifestIsRefused() {
        byte[] extra = rewrite(
                good,
                entries -> {
                    entries.put("stages/05-xgboost/extra.bin", new byte[] {1, 2, 3});
                    return entries;
                },
                false);
        assertThatThrownBy(() -> Bundle.read(new ByteArrayInputStream(extra), "x.bighead"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("entry 'stages/05-xgboost/extra.bin' is not in the manifest");
    }

    @Test
    void anUnknownStageTypeIsRefusedByName() {
        byte[] unknown =
                rewritePipelineJson(json -> json.replace("\"type\" : \"one-hot\"", "\"type\" : \"my-secret\""));
        assertThatThrownBy(() -> Bundle.read(new ByteArrayInputStream(unknown), "x.bighead"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("unknown stage type 'my-secret'");
    }

    @Test
    void aNewerFormatVersionIsRefusedWithAnUpgradeHint() {
        byte[] newer = rewritePipelineJson(json -> json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        assertThatThrownBy(() -> Bundle.read(new ByteArrayInputStream(newer), "x.bighead"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("format version 99, newer than this Bighead reads (1); upgrade Bighead");
    }

    @Test
    void zipEntriesEscapingTheFolderAreRefused() {
        for (String evil : new String[] {"../evil.sh", "/etc/passwd", "stages/../../x", "C:/x", "a\\..\\b"}) {
            byte[] bad = rewrite(
                    good,
                    entries -> {
                        entries.put(evil, new byte[] {0});
                        return entries;
                    },
                    true);
            assertThatThrownBy(() -> Bundle.read(new ByteArrayInputStream(bad), "x.bighead"))
                    .as(evil)
                    .isInstanceOf(BundleException.class)
                    .hasMessageContaining("escape the bundle folder");
        }
    }

    @Test
    void aFileThatIsNotABundleIsRefusedPlainly() throws Exception {
        Path notZip = dir.resolve("notes.bighead");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> FittedPipeline.load(notZip))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("not a bundle");
        Path truncated = dir.resolve("cut.bighead");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> FittedPipeline.load(truncated)).isInstanceOf(BundleException.class);
        assertThatThrownBy(() -> FittedPipeline.load(dir.resolve("absent.bighead")))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("no bundle at");
    }

    @Test
    void savingOverAnExistingFileReplacesItWholeAndLeavesNoTempFiles() throws Exception {
        Path target = dir.resolve("model.bighead");
        Files.writeString(target, "old");
        Fixtures.price().save(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(Bundle.toBytes(Fixtures.price()));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.bighead");
        }
    }

    @Test
    void aFailedSaveLeavesTheOldFileUntouched() throws Exception {
        Path target = dir.resolve("model.bighead");
        Files.writeString(target, "old");
        FittedPipeline unsaveable = Pipeline.of(
                        org.bighead.pipeline.stages.Select.of("accommodates"),
                        new CustomStageTest.Unregistered(),
                        org.bighead.pipeline.model.XGBoost.regressor().rounds(2))
                .target("price")
                .fit(Fixtures.listings().train().first(200));
        assertThatThrownBy(() -> unsaveable.save(target))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("is not registered");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    // --- helpers that build altered bundles ---

    static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** Rewrites the zip; with {@code fixManifest} false the manifest stays as it was. */
    static byte[] rewrite(byte[] zip, UnaryOperator<Map<String, byte[]>> change, boolean fixManifest) {
        try {
            Map<String, byte[]> entries = change.apply(entries(zip));
            if (fixManifest) {
                ObjectNode manifest = Json.MAPPER.createObjectNode();
                manifest.put("algorithm", "SHA-256");
                ObjectNode hashes = manifest.putObject("entries");
                entries.forEach((name, bytes) -> {
                    if (!name.equals("MANIFEST.json")) hashes.put(name, Bundle.sha256(bytes));
                });
                entries.put("MANIFEST.json", Json.MAPPER.writeValueAsBytes(manifest));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    z.write(e.getValue());
                    z.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Edits pipeline.json and re-signs the manifest, as an attacker or a newer Bighead would. */
    static byte[] rewritePipelineJson(UnaryOperator<String> edit) {
        return rewrite(
                good,
                entries -> {
                    String json = new String(entries.get("pipeline.json"), StandardCharsets.UTF_8);
                    String edited = edit.apply(json);
                    assertThat(edited).isNotEqualTo(json);
                    entries.put("pipeline.json", edited.getBytes(StandardCharsets.UTF_8));
                    return entries;
                },
                true);
    }
}
