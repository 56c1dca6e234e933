package org.bighead.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run watched through a registry's history, as {@code jobs run --wait} and {@code %bighead jobs NAME --run} watch
 * it: here the history is scripted (one answer per poll) and the clock moves half a second a poll.
 */
class RunWatcherTest {
    private static final String AT = "2026-12-07T03:00:00Z";

    private HttpServer server;
    private final Deque<String> answers = new ConcurrentLinkedDeque<>();
    private volatile String last = "[]";
    private Instant now = Instant.parse("2026-12-07T09:00:00Z");
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void aRegistryWhoseHistoryIsScripted() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/jobs/retrain/runs", exchange -> {
            String runs = answers.isEmpty() ? last : answers.poll();
            last = runs;
            byte[] body = ("{\"runs\":" + runs + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String run(String logicalTime, String status, String message) {
        return "{\"job\":\"retrain\",\"logicalTime\":\"" + logicalTime + "\",\"status\":\"" + status
                + "\",\"attempt\":1,\"trigger\":\"manual\",\"message\":\"" + message + "\"}";
    }

    private RunWatcher.Outcome watch(Duration timeout) throws InterruptedException {
        RegistryClient client =
                new RegistryClient("http://127.0.0.1:" + server.getAddress().getPort(), null);
        RunWatcher watcher = new RunWatcher(client, clock(), d -> now = now.plus(d));
        return watcher.watch("retrain", AT, 20, timeout, new RunWatcher.Events() {
            @Override
            public void changed(JobRun r) {
                said.add(r.status());
            }

            @Override
            public void stillQueued(String hint) {
                said.add(hint);
            }
        });
    }

    /** The test's clock: where the watcher's sleeps have moved it. */
    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @Test
    void itReportsEachStatusOnceAndEndsWithTheRunThatEnded() throws InterruptedException {
        answers.add("[]");
        answers.add("[" + run(AT, "queued", "") + "]");
        answers.add("[" + run(AT, "running", "") + "," + run("2026-12-06T03:00:00Z", "failed", "old") + "]");
        answers.add("[" + run(AT, "running", "") + "]");
        answers.add("[" + run(AT, "failed", "metric test.mae not recorded") + "]");

        RunWatcher.Outcome outcome = watch(Duration.ofHours(1));

        assertThat(said).containsExactly("queued", "running", "failed");
        assertThat(outcome.ended()).isTrue();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.run().message()).isEqualTo("metric test.mae not recorded");
    }

    @Test
    void aRunTheHistoryNeverListsGetsTheHintThenTheWatcherGivesUpAfterAMinute() throws InterruptedException {
        last = "[" + run("2026-12-06T03:00:00Z", "succeeded", "") + "]";
        Instant start = now;

        RunWatcher.Outcome outcome = watch(Duration.ofHours(1));

        assertThat(said)
                .containsExactly("retrain: not in the job's history after 10 s: the registry's scheduler starts runs"
                        + " (./bighead registry serve, unless started with --job-workers 0)");
        assertThat(outcome.ended()).isFalse();
        assertThat(outcome.run()).isNull();
        assertThat(Duration.between(start, now)).isEqualTo(RunWatcher.UNLISTED);
    }

    @Test
    void aRunThatStaysQueuedGetsTheHintOnce() throws InterruptedException {
        last = "[" + run(AT, "queued", "") + "]";

        RunWatcher.Outcome outcome = watch(Duration.ofSeconds(15));

        assertThat(said)
                .containsExactly(
                        "queued",
                        "retrain: still queued after 10 s: the registry's scheduler starts runs (./bighead registry"
                                + " serve, unless started with --job-workers 0)");
        assertThat(outcome.ended()).isFalse();
        assertThat(outcome.run().status()).isEqualTo("queued");
    }
}
