package org.bighead.productionize.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTargetTest {
    static Deployment local(long pid, String processStart) {
        return new Deployment(
                "lp",
                "local",
                "listing-price",
                "listing-price",
                1,
                "http://127.0.0.1:8080",
                "http://127.0.0.1:8080/v2/models/listing-price/predict",
                8080,
                pid,
                processStart,
                null,
                null,
                null,
                null,
                "/tmp/lp.log",
                "http://127.0.0.1:8470",
                "2026-12-07T02:00:00Z",
                "running");
    }

    @Test
    void aLiveProcessStartedWhenTheStateFileSaysIsTheDeployments() {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElseThrow();
        assertThat(LocalProcessTarget.process(local(self.pid(), started))).contains(self);
    }

    @Test
    void aReusedPidIsNeverTakenForTheDeploymentsProcess() {
        // same pid, another start time: the server died and the system gave its pid to something else
        assertThat(LocalProcessTarget.process(local(ProcessHandle.current().pid(), "2001-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void theServerLeadsASessionOfItsOwnWhereSetsidExists() {
        List<String> command = LocalProcessTarget.detached(List.of("/src/bighead", "serve", "m"));
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            assertThat(command.get(0)).endsWith("/setsid");
            assertThat(command.subList(1, command.size())).containsExactly("/src/bighead", "serve", "m");
        } else {
            assertThat(command).containsExactly("/src/bighead", "serve", "m");
        }
    }

    @Test
    void aLogsTailIsItsLastLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("lp.log");
        Files.writeString(log, "one\ntwo\nthree\n");
        assertThat(LocalProcessTarget.tail(log, 2)).isEqualTo("two\nthree\n");
        assertThat(LocalProcessTarget.tail(dir.resolve("none.log"), 2)).isEmpty();
    }

    @Test
    void theStateLivesUnderBigheadHome() {
        assertThat(DeploymentState.defaultDir(Map.of("BIGHEAD_HOME", "/data/bh")))
                .isEqualTo(Path.of("/data/bh/deployments"));
        assertThat(DeploymentState.defaultDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".bighead", "deployments"));
    }
}
