package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.bundle.Bundle;
import org.junit.jupiter.api.Test;

/** Replacing the bundle file under a loaded server swaps the model without failing a single request. */
class HotSwapTest {

    @Test
    void clientsHammeringPredictSeeNoFailureAndSwitchToTheNewVersion() throws Exception {
        FittedPipeline before = TestModels.price();
        FittedPipeline after = TestModels.priceOther();
        Path bundle = TestModels.save(before, "listing-price");
        Path replacement = TestModels.save(after, "listing-price");
        String oldVersion = Bundle.sha256(Files.readAllBytes(bundle)).substring(0, 12);
        String newVersion = Bundle.sha256(Files.readAllBytes(replacement)).substring(0, 12);
        Map<String, Object> row = TestModels.goodRow();
        Map<String, Double> expected = Map.of(
                oldVersion,
                before.predict(row).value(),
                newVersion,
                after.predict(row).value());
        assertThat(expected.get(oldVersion)).isNotEqualTo(expected.get(newVersion));

        try (TestServer s = TestServer.start(bundle, c -> c.withPoll(Duration.ofMillis(50)))) {
            String body = TestServer.instances(List.of(row));
            AtomicBoolean stop = new AtomicBoolean();
            Map<String, Integer> seen = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                results.add(clients.submit(() -> {
                    List<String> failures = new ArrayList<>();
                    String last = oldVersion;
                    while (!stop.get()) {
                        TestServer.Response r = s.post(s.model() + "/predict", body);
                        if (r.status() != 200) {
                            failures.add(r.status() + " " + r.body());
                            continue;
                        }
                        String version = r.json().get("version").asText();
                        double prediction = r.json().get("predictions").get(0).doubleValue();
                        if (!expected.containsKey(version) || prediction != expected.get(version)) {
                            failures.add("version " + version + " predicted " + prediction);
                        }
                        if (last.equals(newVersion) && version.equals(oldVersion)) {
                            failures.add("went back to the old version after seeing the new one");
                        }
                        last = version;
                        seen.merge(version, 1, Integer::sum);
                    }
                    return failures;
                }));
            }
            awaitCount(seen, oldVersion, 50);
            Path temp = replacement.resolveSibling("listing-price.bighead.tmp");
            Files.copy(replacement, temp);
            Files.move(temp, bundle, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            awaitCount(seen, newVersion, 200);
            stop.set(true);
            List<String> failures = new ArrayList<>();
            for (Future<List<String>> f : results) {
                failures.addAll(f.get(30, TimeUnit.SECONDS));
            }
            clients.shutdown();

            assertThat(failures).isEmpty();
            assertThat(seen).containsOnlyKeys(oldVersion, newVersion);
            assertThat(s.server.models().current().version()).isEqualTo(newVersion);
            assertThat(s.metric("bighead_model_swaps_total{model=\"listing-price\"}"))
                    .isEqualTo(1);
        }
    }

    private static void awaitCount(Map<String, Integer> seen, String version, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.getOrDefault(version, 0) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("responses from version " + version + " never reached " + count + ": " + seen);
            }
            Thread.sleep(5);
        }
    }
}
