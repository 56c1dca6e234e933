package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.bighead.registry.client.Lineage;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.Version;
import org.bighead.registry.client.VersionInfo;
import org.bighead.registry.jobs.JobExecutor;
import org.bighead.registry.jobs.RunResult;
import org.bighead.registry.jobs.Scheduler;
import org.bighead.registry.store.Database;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.JobStore;
import org.bighead.registry.store.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job run's own token against a real registry: the scheduler (here a second process's, on the same SQLite file)
 * mints it at claim; the run uses it over HTTP as a retrain's notebook would; it is refused once the run ended.
 */
class JobRunTokenTest {
    private static final String JOB = "retrain-m";

    /** What a call with the run's token answered: its HTTP status (2xx as 200). */
    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (RegistryException e) {
            return e.status();
        }
    }

    @Test
    void aRunsTokenWritesOnlyItsJobsModelAndAliasAndEndsWithTheRun(@TempDir Path dir) throws Exception {
        try (TestRegistry r = TestRegistry.start(RegistryConfig.local(dir).jobWorkers(0));
                Database db = Database.open(r.config.jdbcUrl(), null, null)) {
            RegistryClient admin = r.admin();
            int v1 = admin.register("m", TestBundles.first(), VersionInfo.empty())
                    .version();
            admin.setAlias("m", "champion", v1, "first");
            admin.register("other", TestBundles.first(), VersionInfo.empty());

            JobStore jobs = new JobStore(db);
            jobs.create(new JobRow(
                    JOB,
                    "retrain",
                    "m@champion",
                    "@weekly",
                    "UTC",
                    Json.parse("{\"metric\": \"test.rmse\", \"promoteTo\": \"champion\", \"margin\": 0}"),
                    "latest",
                    0,
                    600,
                    false,
                    "test",
                    Times.now(),
                    "2099-01-01T00:00:00.000Z"));
            jobs.insertRun(JOB, Times.now(), "queued", "manual", null);

            AtomicReference<String> runToken = new AtomicReference<>();
            AtomicReference<Version> registered = new AtomicReference<>();
            Map<String, Integer> answers = new ConcurrentHashMap<>();
            JobExecutor notebook = (job, at, attempt, timeout, token) -> {
                runToken.set(token);
                RegistryClient run = r.withToken(token);
                // the notebook names a user of its own: lineage says the job all the same
                Lineage lineage = new Lineage("recipe.ipynb", List.of(), null, null, null, "maya", null, null);
                Version v = run.register(
                        "m", TestBundles.second(), new VersionInfo(null, null, null, lineage, "retrained"));
                registered.set(v);
                answers.put("read", status(() -> run.model("other")));
                answers.put("move champion", status(() -> run.setAlias("m", "champion", v.version(), "better")));
                answers.put("move staging", status(() -> run.setAlias("m", "staging", v.version(), "")));
                answers.put(
                        "register other",
                        status(() -> run.register("other", TestBundles.second(), VersionInfo.empty())));
                answers.put("delete other v1", status(() -> run.deleteVersion("other", 1)));
                answers.put("make a token", status(() -> run.createToken("x", "write")));
                return new RunResult(true, Json.MAPPER.createObjectNode(), "done", "");
            };
            Auth auth = new Auth(new TokenStore(db), false);
            try (Scheduler s = new Scheduler(jobs, notebook, Clock.systemUTC(), 1, Scheduler.DEFAULT_LEASE, auth)) {
                assertThat(s.tick()).hasSize(1);
                assertThat(s.awaitIdle(Duration.ofSeconds(60))).isTrue();
            }

            assertThat(jobs.runs(JOB, 1).get(0).status()).isEqualTo("succeeded");
            assertThat(runToken.get()).startsWith("bh_").isNotEqualTo(r.adminToken);
            Version v = registered.get();
            assertThat(v.createdBy()).isEqualTo("job:" + JOB);
            assertThat(admin.version("m", v.version()).lineage().user()).isEqualTo("job:" + JOB);
            assertThat(answers)
                    .containsEntry("read", 200)
                    .containsEntry("move champion", 200)
                    .containsEntry("move staging", 403)
                    .containsEntry("register other", 403)
                    .containsEntry("delete other v1", 403)
                    .containsEntry("make a token", 403);
            assertThat(admin.aliasHistory("m", "champion").get(1).movedBy()).isEqualTo("job:" + JOB);

            // the run ended: its token is refused, even for a read
            RegistryClient after = r.withToken(runToken.get());
            assertThat(status(() -> after.model("m"))).isEqualTo(401);
            assertThat(status(() -> after.setAlias("m", "champion", v1, "back")))
                    .isEqualTo(401);
        }
    }
}
