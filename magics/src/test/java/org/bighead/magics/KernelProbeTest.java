package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.bighead.magics.NotebookEnvironment.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kernel's process sees: this JVM, a memory.max file, and an nvidia-smi on the PATH (a script here). */
class KernelProbeTest {
    @TempDir
    Path dir;

    @Test
    void withoutNvidiaSmiOrMemoryMaxTheKernelSeesThisJvmAndNoGpus() {
        Kernel kernel = KernelProbe.probe(Map.of("PATH", dir.toString()), dir.resolve("no-memory.max"));

        assertThat(kernel.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(kernel.javaHome()).isEqualTo(System.getProperty("java.home"));
        assertThat(kernel.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(kernel.maxHeap()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(kernel.memoryMax()).isNull();
        assertThat(kernel.nvidiaSmi()).isNull();
        assertThat(kernel.nvidiaSmiFailure()).isNull();
    }

    @Test
    void nvidiaSmiOnThePathIsAskedForTheGpusAndMemoryMaxIsRead() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake nvidia-smi");
        script("nvidia-smi", "echo \"$1 $2\" > " + dir.resolve("args") + "\necho '0, NVIDIA T4, 15360 MiB'\n");
        Path memoryMax = Files.writeString(dir.resolve("memory.max"), "4294967296\n");

        Kernel kernel = KernelProbe.probe(Map.of("PATH", "/nonexistent:" + dir), memoryMax);

        assertThat(kernel.nvidiaSmi()).isEqualTo("0, NVIDIA T4, 15360 MiB\n");
        assertThat(Files.readString(dir.resolve("args")).strip())
                .isEqualTo("--query-gpu=index,name,memory.total --format=csv,noheader");
        assertThat(kernel.memoryMax()).isEqualTo("4294967296\n");
        assertThat(NotebookEnvironment.kernel(kernel))
                .containsEntry("memory limit", "4 GiB (cgroup)")
                .containsEntry("GPUs", "0: NVIDIA T4 (15360 MiB)");
    }

    @Test
    void anNvidiaSmiThatFailsIsReportedWithItsFirstLine() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the fake nvidia-smi");
        script(
                "nvidia-smi",
                "echo 'NVIDIA-SMI has failed because it could not communicate with the driver.'\nexit 9\n");

        Kernel kernel = KernelProbe.probe(Map.of("PATH", dir.toString()), dir.resolve("none"));

        assertThat(kernel.nvidiaSmi()).isNull();
        assertThat(kernel.nvidiaSmiFailure())
                .isEqualTo("exit 9: NVIDIA-SMI has failed because it could not communicate with the driver.");
    }

    @Test
    void onlyAnExecutableFileOnThePathCounts() throws IOException {
        Files.writeString(dir.resolve("nvidia-smi"), "not executable");

        assertThat(KernelProbe.onPath("nvidia-smi", dir.toString())).isEmpty();
        assertThat(KernelProbe.onPath("nvidia-smi", null)).isEmpty();
        Path exe = script("nvidia-smi", "exit 0\n");
        assertThat(KernelProbe.onPath("nvidia-smi", "::" + dir)).contains(exe);
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
