package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of registrations: after a restart on the same DATA the database is intact, versions are
 * 1..n without gaps, and every version's bundle downloads and verifies.
 */
class RegistryCrashTest {
    @Test
    void aServerKilledMidRegistrationRestartsWithEveryVersionIntact(@TempDir Path data) throws Exception {
        Process server = startServer(data);
        AtomicInteger registered = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(6);
        List<Thread> writers = new ArrayList<>();
        try {
            RegistryClient client = new RegistryClient(
                    readyUrl(server),
                    Files.readString(data.resolve("admin.token")).trim());
            for (int t = 0; t < 4; t++) {
                Path bundle = t % 2 == 0 ? TestBundles.first() : TestBundles.second();
                Thread writer = new Thread(() -> {
                    while (true) {
                        try {
                            client.register("crash", bundle, null, true); // a new version even for the same bytes
                            registered.incrementAndGet();
                            enough.countDown();
                        } catch (RegistryException e) {
                            return; // the server is gone
                        }
                    }
                });
                writer.start();
                writers.add(writer);
            }
            assertThat(enough.await(30, TimeUnit.SECONDS))
                    .as("six registrations before the kill")
                    .isTrue();
        } finally {
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
            server.waitFor(10, TimeUnit.SECONDS);
        }
        for (Thread w : writers) {
            w.join(TimeUnit.SECONDS.toMillis(30));
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("registry.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        try (TestRegistry restarted = TestRegistry.local(data)) {
            RegistryClient client = restarted.admin();
            List<Integer> versions = client.versions("crash").stream()
                    .map(Version::version)
                    .sorted()
                    .toList();
            assertThat(versions.size()).isGreaterThanOrEqualTo(registered.get());
            assertThat(versions)
                    .isEqualTo(IntStream.rangeClosed(1, versions.size()).boxed().toList());
            for (int v : versions) {
                Path copy = data.resolve("check-" + v + ".bighead");
                client.download("crash", v, copy); // verifies X-Bighead-SHA256
                assertThat(RegistryClient.sha256(copy))
                        .isEqualTo(client.version("crash", v).sha256());
            }
            assertThat(RegistryReliabilityContract.filesUnder(restarted.config.tmpDir()))
                    .isZero();
        }
    }

    private static Process startServer(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.bighead.registry.RegistryServer",
                        "--port",
                        "0",
                        "--data",
                        data.toString())
                .redirectErrorStream(true)
                .start();
    }

    /** Reads the server's ready line ("Bighead registry on http://…") and returns its URL. */
    private static String readyUrl(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) { // ends when the process does: no wait without an end
            seen.append(line).append('\n');
            if (line.startsWith("Bighead registry on ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                drain.setDaemon(true);
                drain.start();
                return line.substring("Bighead registry on ".length()).split(" ")[0];
            }
        }
        throw new AssertionError("the server exited before it was ready:\n" + seen);
    }
}
