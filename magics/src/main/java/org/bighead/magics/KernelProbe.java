package org.bighead.magics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gathers what the kernel's process sees of its machine for {@code %bighead env}: the JDK, the processors and heap
 * the JVM was given, the cgroup's memory limit (v2's {@code memory.max}, else v1's {@code memory.limit_in_bytes}) and, when {@code nvidia-smi} is on
 * the {@code PATH}, its GPUs. nvidia-smi gets {@link #DEADLINE} to answer.
 */
final class KernelProbe {
    static final Path MEMORY_MAX = Path.of("/sys/fs/cgroup/memory.max");
    /** cgroup v1's limit (Docker engines on v1 hosts, e.g. Debian's docker.io with cgroupfs). */
    static final Path MEMORY_LIMIT_V1 = Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes");

    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final String NVIDIA_SMI = "nvidia-smi";

    private KernelProbe() {}

    /** This JVM's facts; {@code env} gives the {@code PATH} nvidia-smi is looked for on. */
    static NotebookEnvironment.Kernel probe(Map<String, String> env) {
        return probe(env, MEMORY_MAX);
    }

    static NotebookEnvironment.Kernel probe(Map<String, String> env, Path memoryMax) {
        Runtime runtime = Runtime.getRuntime();
        String nvidiaSmi = null;
        String failure = null;
        Optional<Path> command = onPath(NVIDIA_SMI, env.get("PATH"));
        if (command.isPresent()) {
            Answer answer = nvidiaSmi(command.get());
            nvidiaSmi = answer.output();
            failure = answer.failure();
        }
        return new NotebookEnvironment.Kernel(
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("java.home"),
                runtime.availableProcessors(),
                runtime.maxMemory(),
                memoryMax == MEMORY_MAX && read(memoryMax) == null ? read(MEMORY_LIMIT_V1) : read(memoryMax),
                nvidiaSmi,
                failure);
    }

    /** The executable file {@code name} in the first folder of {@code path} that has one. */
    static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What a command printed, or why it printed nothing useful. */
    private record Answer(String output, String failure) {
        static Answer failed(String why) {
            return new Answer(null, why);
        }
    }

    private static Answer nvidiaSmi(Path command) {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("bighead-nvidia-smi", ".csv");
            // to a file, not a pipe: a command that never ends must not block the read past the deadline
            process = new ProcessBuilder(
                            command.toString(), "--query-gpu=index,name,memory.total", "--format=csv,noheader")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                return Answer.failed("no answer within " + DEADLINE.toSeconds() + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String first = text.strip().lines().findFirst().orElse("");
                return Answer.failed("exit " + process.exitValue() + (first.isEmpty() ? "" : ": " + first));
            }
            return new Answer(text, null);
        } catch (IOException e) {
            return Answer.failed(MagicRegistry.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // missing or unreadable: unknown, as on a machine without cgroup v2
        }
    }
}
