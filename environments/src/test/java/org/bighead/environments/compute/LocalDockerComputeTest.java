package org.bighead.environments.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bighead.environments.compute.docker.LocalDockerCompute;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.bighead.environments.image.BaseImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute API on a real Docker engine (the one {@code ./bighead test} starts, or yours): the workloads are
 * containers of the JRE base image (busybox and java), the smallest image Bighead makes.
 */
class LocalDockerComputeTest {
    static final Path HOME =
            Path.of(System.getProperty("bighead.root", "..")).toAbsolutePath().normalize();
    static DockerEngine engine;
    static LocalDockerCompute compute;
    static String image;
    static final InstanceType SMALL = HardwareCatalog.snapshot().require("t3.medium");
    final String owner = "test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void engine() {
        assumeTrue(System.getenv("BIGHEAD_TEST_ENGINE") != null, "no Docker engine: run through ./bighead test");
        engine = DockerEngine.connect(HOME);
        compute = new LocalDockerCompute(engine);
        image = new BaseImages(engine, HOME.resolve(".bighead/images"), null).jre(17, line -> {});
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aStartedWorkloadRunsWithItsLabelsEnvAndVolumeAndStopRemovesIt() throws Exception {
        String volume = "bighead-test-" + owner;
        Workload w = compute.start(LaunchSpec.builder(image, SMALL)
                .command("sh", "-c", "echo hello $WHO > /data/greeting; cat /data/greeting; sleep 30")
                .env("WHO", "world")
                .volume(volume, "/data")
                .label(Compute.OWNER, owner)
                .label(Compute.PURPOSE, "test")
                .build());
        try {
            assertThat(w.backend()).isEqualTo("docker");
            assertThat(w.state()).isIn(Workload.State.RUNNING, Workload.State.EXITED);
            assertThat(w.instanceType()).isEqualTo("t3.medium");
            assertThat(w.labels()).containsEntry(Compute.MANAGED_BY, "bighead").containsEntry(Compute.OWNER, owner);
            assertThat(compute.list(Map.of(Compute.OWNER, owner)))
                    .extracting(Workload::id)
                    .containsExactly(w.id());
            assertThat(waitForLogs(w.id(), "hello world")).contains("hello world");
            var limits = engine.client().inspectContainerCmd(w.id()).exec().getHostConfig();
            assertThat(limits.getMemory()).isEqualTo(4096L << 20);
            assertThat(limits.getNanoCPUs()).isEqualTo(2_000_000_000L);
        } finally {
            compute.stop(w.id());
        }
        try {
            assertThat(compute.list(Map.of(Compute.OWNER, owner))).isEmpty();
            // a named volume outlives its workload (the notebook's files), until someone removes it
            engine.client().inspectVolumeCmd(volume).exec();
        } finally {
            engine.client().removeVolumeCmd(volume).exec();
        }
    }

    @Test
    void aMountedFolderIsSeenAtItsPathAndAReadOnlyOneCannotBeWritten(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("run"));
        Path in = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        Workload w = compute.start(LaunchSpec.builder(image, SMALL)
                .command("sh", "-c", "cat " + in + " > " + out + "/copy.csv && ! touch " + in)
                .mount(out.toString(), false)
                .mount(in.toString(), true)
                .label(Compute.OWNER, owner)
                .build());
        try {
            assertThat(awaitEnd(w.id()).exitCode()).as(compute.logs(w.id(), 20)).isZero();
            assertThat(Files.readString(out.resolve("copy.csv"))).isEqualTo("a,b\n1,2\n");
        } finally {
            compute.stop(w.id());
        }
    }

    private static Workload awaitEnd(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Workload now = compute.status(id);
        while (!now.state().isDone() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            now = compute.status(id);
        }
        return now;
    }

    @Test
    void anExitedWorkloadReportsItsExitCode() throws Exception {
        Workload w = compute.start(LaunchSpec.builder(image, SMALL)
                .command("sh", "-c", "exit 3")
                .label(Compute.OWNER, owner)
                .build());
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            Workload now = compute.status(w.id());
            while (!now.state().isDone() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                now = compute.status(w.id());
            }
            assertThat(now.state()).isEqualTo(Workload.State.EXITED);
            assertThat(now.exitCode()).isEqualTo(3);
        } finally {
            compute.stop(w.id());
        }
    }

    @Test
    void aStartThatFailsLeavesNoContainerAndNoVolumeBehind() {
        String volume = "bighead-test-failed-" + owner;
        assertThatThrownBy(() -> compute.start(LaunchSpec.builder(image, SMALL)
                        .command("/no/such/program")
                        .volume(volume, "/data")
                        .label(Compute.OWNER, owner)
                        .build()))
                .isInstanceOf(ComputeException.class)
                .hasMessageContaining("could not start " + image);
        assertThat(compute.list(Map.of(Compute.OWNER, owner))).isEmpty();
        assertThatThrownBy(() -> engine.client().inspectVolumeCmd(volume).exec())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anImageThatWasNeverBuiltIsRefusedSayingHowToBuildIt() {
        assertThatThrownBy(() -> compute.start(LaunchSpec.builder("bighead/env-nope:000000000000", SMALL)
                        .build()))
                .hasMessageContaining("is not in the engine")
                .hasMessageContaining("./bighead env build");
    }

    private static String waitForLogs(String id, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String logs = "";
        while (Instant.now().isBefore(deadline)) {
            logs = compute.logs(id, 20);
            if (logs.contains(text)) {
                return logs;
            }
            Thread.sleep(100);
        }
        return logs;
    }
}
