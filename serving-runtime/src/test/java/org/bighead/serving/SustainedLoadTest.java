package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Thirty seconds at a fixed 80 % of the capacity measured in the same run, open loop: not one error. Tagged
 * "load" (it takes ~40 s) so a quick run can leave it out with -DexcludedGroups=load. It asserts errors, not speed:
 * a machine too busy to keep the rate sends fewer requests and still passes; the figures it prints are for the
 * report.
 */
@Tag("load")
class SustainedLoadTest {
    // far above the few requests in flight on average at 80 % load; the client never opens more than this
    // (OpenLoopLoad skips instead), so a 503 would mean the server miscounts what it has in flight
    static final int MAX_INFLIGHT = 64;

    @Test
    void thirtySecondsAtEightyPercentOfCapacityServeEveryRequest() throws Exception {
        try (TestServer s = TestServer.start(
                TestModels.save(TestModels.price(), "listing-price"), c -> c.withMaxInflight(MAX_INFLIGHT))) {
            String path = s.model() + "/predict";
            String body = TestServer.instances(List.of(TestModels.goodRow()));
            List<String> closedLoopErrors =
                    new ArrayList<>(closedLoop(s, path, body, 4, 2_000).errors()); // JIT
            // on 2 cores client threads compete with the server, so more clients is not always more throughput
            double capacity = 0;
            int bestClients = 0;
            StringBuilder sweep = new StringBuilder();
            for (int clients : new int[] {1, 2, 4}) {
                Closed r = closedLoop(s, path, body, clients, 2_000);
                closedLoopErrors.addAll(r.errors());
                sweep.append(String.format(Locale.ROOT, " %d:%.0f", clients, r.perSecond()));
                if (r.perSecond() > capacity) {
                    capacity = r.perSecond();
                    bestClients = clients;
                }
            }
            double rate = 0.8 * capacity;

            OpenLoopLoad.Result load = new OpenLoopLoad(s, path, body, MAX_INFLIGHT).run(rate, 30);

            System.out.printf(
                    Locale.ROOT,
                    "sustained load: capacity %.0f req/s (best of clients:req/s%s, %d clients);"
                            + " open loop at %.0f req/s for 30 s: %d scheduled, %d sent, %d skipped (client behind),"
                            + " %d ok, %d errors, %d connections, achieved %.0f req/s over %d ms%n",
                    capacity,
                    sweep,
                    bestClients,
                    rate,
                    load.scheduled(),
                    load.sent(),
                    load.skipped(),
                    load.ok(),
                    load.errors().size(),
                    load.connections(),
                    load.perSecond(),
                    load.millis());
            assertThat(closedLoopErrors).as("errors while measuring capacity").isEmpty();
            assertThat(load.errors()).as("errors at 80 %% of capacity").isEmpty();
            assertThat(load.ok())
                    .as("requests answered 200 out of %d sent", load.sent())
                    .isPositive()
                    .isGreaterThanOrEqualTo((long) Math.ceil(0.9 * load.sent()));
        }
    }

    record Closed(long ok, List<String> errors, long millis) {
        double perSecond() {
            return ok * 1000.0 / millis;
        }
    }

    /** {@code clients} threads each sending the next request as soon as the last is answered, for {@code millis}. */
    private static Closed closedLoop(TestServer s, String path, String body, int clients, long millis)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Closed>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                // a client of its own per thread: one kept-alive connection each, as a closed-loop client has
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                HttpRequest request = HttpRequest.newBuilder(s.uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                long ok = 0;
                List<String> errors = new ArrayList<>();
                boolean retried = false;
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        retried = false;
                        if (r.statusCode() == 200) {
                            ok++;
                        } else {
                            errors.add(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException e) {
                        // Calibration only: a kept-alive connection that closed before any byte of an answer (seen
                        // once in CI, not reproduced) is tried again once on a new one, as a client would. A second
                        // failure in a row, or any answer but 200, still counts.
                        if (!retried && String.valueOf(e.getMessage()).contains("received no bytes")) {
                            retried = true;
                            continue;
                        }
                        errors.add(e.toString());
                    }
                }
                return new Closed(ok, errors, 0);
            }));
        }
        Thread.sleep(millis);
        stop.set(true);
        long ok = 0;
        List<String> errors = new ArrayList<>();
        for (Future<Closed> f : futures) {
            Closed r = f.get(60, TimeUnit.SECONDS);
            ok += r.ok;
            errors.addAll(r.errors);
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        pool.shutdown();
        return new Closed(ok, errors, elapsed);
    }
}
