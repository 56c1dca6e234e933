package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bighead.pipeline.data.Listings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The bundle carries everything: a JVM that never saw the training run predicts the same bits. */
class FreshJvmTest {

    @TempDir
    Path dir;

    @Test
    void aFreshJvmLoadingTheBundlePredictsTheSameBitsInBatchAndPerRow() throws Exception {
        Path bundle = dir.resolve("price.bighead");
        Path csv = dir.resolve("test.csv");
        Fixtures.price().save(bundle);
        Listings.writeCsv(Fixtures.listings().test(), csv);
        Table rows = Listings.readCsv(csv);
        double[] here = Fixtures.price().score(rows)[0];

        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(
                        java,
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReloadAndScore.class.getName(),
                        bundle.toString(),
                        csv.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(child.exitValue()).isZero();

        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(rows.rowCount());
        for (int i = 0; i < lines.size(); i++) {
            String[] bits = lines.get(i).split(" ");
            assertThat(Long.parseLong(bits[0])).as("batch row %d", i).isEqualTo(Double.doubleToLongBits(here[i]));
            assertThat(Long.parseLong(bits[1])).as("single row %d", i).isEqualTo(Double.doubleToLongBits(here[i]));
        }
    }
}
