package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kernel's exit does to the processes its magics started (the JVM shutdown hook runs {@link
 * ChildProcesses#stopAll}): SIGTERM, time to clean up, and SIGKILL for one that will not stop.
 */
class ChildProcessesTest {
    @TempDir
    Path dir;

    private Process started(String script) throws IOException, InterruptedException {
        Path ready = dir.resolve("ready-" + script.hashCode());
        Process process = ChildProcesses.start(
                new ProcessBuilder("sh", "-c", script.replace("READY", "touch " + ready)).inheritIO());
        while (!Files.exists(ready)) {
            Thread.sleep(10); // its trap is set
        }
        return process;
    }

    @Test
    void theKernelsExitStopsTheProcessesItsMagicsStartedAndLetsThemCleanUp() throws Exception {
        Path cleaned = dir.resolve("cleaned");
        Process polite = started("trap 'sleep 0.3; echo done > " + cleaned + "; exit 143' TERM; READY;"
                + " while :; do sleep 0.1; done");
        Process stubborn = started("trap '' TERM; READY; while :; do sleep 0.1; done");

        ChildProcesses.stopAll();

        assertThat(polite.isAlive()).isFalse();
        assertThat(cleaned).hasContent("done");
        assertThat(stubborn.isAlive()).as("killed after the grace").isFalse();
    }
}
