package org.bighead.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.bighead.registry.client.JobRun;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RunWatcher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bighead jobs …}: scheduled jobs that the registry's embedded scheduler runs. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = {
            "Scheduled jobs (batch-score, retrain, evaluate) run by the registry's embedded scheduler, or by Airflow"
                    + " (jobs airflow writes their DAGs). The registry:"
                    + " --url, else BIGHEAD_REGISTRY_URL, else \"registry.url\" in ~/.bighead/config.json; the"
                    + " token: BIGHEAD_REGISTRY_TOKEN."
        },
        subcommands = {
            JobsCommand.Create.class,
            JobsCommand.ListJobs.class,
            JobsCommand.Show.class,
            JobsCommand.Run.class,
            JobsCommand.History.class,
            JobsCommand.Pause.class,
            JobsCommand.Resume.class,
            JobsCommand.Delete.class,
            AirflowCommand.class
        })
public final class JobsCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a scheduled job.")
    static final class Create implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Parameters(index = "0", paramLabel = "NAME", description = "Job name (like a model name).")
        String name;

        @Option(names = "--kind", required = true, description = "batch-score, retrain or evaluate.")
        String kind;

        @Option(names = "--model", required = true, paramLabel = "REF", description = "MODEL@ALIAS, MODEL/V or FILE.")
        String model;

        @Option(names = "--schedule", required = true, description = "5-field cron or @hourly/@daily/@weekly/@monthly.")
        String schedule;

        @Option(names = "--time-zone", paramLabel = "ZONE", description = "Time zone of the schedule (default UTC).")
        String timeZone;

        @Option(
                names = "--input",
                paramLabel = "PATH",
                description = "Data set; {date}, {time}, {job} replaced per run.")
        String input;

        @Option(
                names = "--output",
                paramLabel = "PATH",
                description = "Parquet output; {date}, {time}, {job} replaced.")
        String output;

        @Option(names = "--metric", description = "Metric the model recorded (retrain, evaluate).")
        String metric;

        @Option(names = "--promote-to", paramLabel = "ALIAS", description = "Alias a better retrained version moves.")
        String promoteTo;

        @Option(
                names = "--better",
                paramLabel = "lower|higher",
                description = "Which way the metric improves, for a metric of your own (default: told by its name:"
                        + " mae, rmse, log_loss… lower; r2, accuracy, roc_auc… higher).")
        String better;

        @Option(names = "--margin", description = "How much better the metric must be to promote (retrain).")
        Double margin;

        @Option(names = "--threshold", description = "Degradation that raises an alert (evaluate).")
        Double threshold;

        @Option(names = "--notebook", paramLabel = "PATH", description = "The training recipe (retrain).")
        String notebook;

        @Option(
                names = "--webhook",
                paramLabel = "URL",
                description = "Where an alert is POSTed as JSON, with its line in \"text\" (evaluate).")
        String webhook;

        @Option(
                names = "--instance-type",
                paramLabel = "TYPE",
                description = "Hardware of the run's workload on the docker or ec2 back end (jobs.compute), e.g."
                        + " m5.xlarge (./bighead hardware list); checked at create.")
        String instanceType;

        @Option(names = "--catch-up", description = "Missed runs: latest (default), all or none.")
        String catchUp;

        @Option(names = "--retries", description = "Retries of a failed run (default 2).")
        Integer retries;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Run timeout in seconds (default 3600).")
        Integer timeout;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = JSON.createObjectNode()
                    .put("name", name)
                    .put("kind", kind)
                    .put("model", model)
                    .put("schedule", schedule);
            putIfSet(body, "timeZone", timeZone);
            putIfSet(body, "input", input);
            putIfSet(body, "output", output);
            putIfSet(body, "metric", metric);
            putIfSet(body, "promoteTo", promoteTo);
            putIfSet(body, "better", better);
            putIfSet(body, "notebook", notebook);
            putIfSet(body, "webhook", webhook);
            putIfSet(body, "instanceType", instanceType);
            putIfSet(body, "catchUp", catchUp);
            if (margin != null) {
                body.put("margin", margin);
            }
            if (threshold != null) {
                body.put("threshold", threshold);
            }
            if (retries != null) {
                body.put("maxRetries", retries);
            }
            if (timeout != null) {
                body.put("timeoutSeconds", timeout);
            }
            JsonNode job = options.client().createJob(body);
            if (!options.printedJson(job)) {
                System.out.println("job " + name + " created; next run "
                        + job.path("nextRun").asText("(none)"));
            }
            return 0;
        }

        private static void putIfSet(ObjectNode body, String field, String value) {
            if (value != null) {
                body.put(field, value);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the jobs.")
    static final class ListJobs implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Override
        public Integer call() throws Exception {
            JsonNode jobs = options.client().jobs();
            if (!options.printedJson(jobs)) {
                Table t = new Table("JOB", "KIND", "MODEL", "SCHEDULE", "ZONE", "NEXT RUN");
                jobs.forEach(j -> t.row(
                        j.path("name").asText(),
                        j.path("kind").asText(),
                        j.path("model").asText(),
                        j.path("schedule").asText(),
                        j.path("timeZone").asText(),
                        j.path("paused").asBoolean()
                                ? "paused"
                                : j.path("nextRun").asText("-")));
                t.print();
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A job, its next and its latest run.")
    static final class Show implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            options.json = true;
            options.printedJson(options.client().job(name));
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job now.")
    static final class Run implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--wait", description = "Wait for the run to end; exit 1 unless it succeeded.")
        boolean waitForEnd;

        @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "86400", description = "At most.")
        long waitSeconds;

        @Option(
                names = "--logical-time",
                paramLabel = "ISO",
                description = "Run at this logical time (e.g. 2026-12-07T03:00:00+00:00; {date} is its date) instead"
                        + " of now: a time that already ran is not run again, a failed one is queued again.")
        String logicalTime;

        @Override
        public Integer call() throws Exception {
            RegistryClient client = options.client();
            JsonNode run = logicalTime == null ? client.runJob(name) : client.runJob(name, logicalTime);
            String at = run.path("logicalTime").asText();
            if (waitForEnd) {
                // a logical time of the past may be further down the history than the newest runs
                RunWatcher.Outcome outcome = new RunWatcher(client)
                        .watch(
                                name,
                                at,
                                logicalTime == null ? 20 : 1000,
                                Duration.ofSeconds(waitSeconds),
                                new Events());
                if (outcome.run() != null) {
                    run = JSON.valueToTree(outcome.run());
                }
            }
            if (!options.printedJson(run)) {
                System.out.println("job " + name + " run at " + at + ": "
                        + run.path("status").asText()
                        + (run.path("message").asText().isEmpty()
                                ? ""
                                : " (" + run.path("message").asText() + ")"));
            }
            return !waitForEnd || run.path("status").asText().equals("succeeded") ? 0 : 1;
        }

        /** Only the hint: the run's end is the one line (or the JSON) printed after the wait. */
        private static final class Events implements RunWatcher.Events {
            @Override
            public void changed(JobRun run) {}

            @Override
            public void stillQueued(String hint) {
                System.err.println(hint);
            }
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "A job's runs, newest first.")
    static final class History implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many runs.")
        int limit;

        @Override
        public Integer call() throws Exception {
            JsonNode runs = options.client().jobRuns(name, limit);
            if (!options.printedJson(runs)) {
                Table t = new Table("LOGICAL TIME", "STATUS", "ATTEMPT", "STARTED", "ENDED", "MESSAGE");
                runs.forEach(r -> t.row(
                        r.path("logicalTime").asText(),
                        r.path("status").asText(),
                        r.path("attempt").asText(),
                        r.path("startedAt").asText("-"),
                        r.path("endedAt").asText("-"),
                        r.path("message").asText()));
                t.print();
            }
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a job's schedule.")
    static final class Pause implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            options.client().pauseJob(name, true);
            System.out.println("job " + name + " paused");
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a job from now on.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            JsonNode job = options.client().pauseJob(name, false);
            System.out.println(
                    "job " + name + " resumed; next run " + job.path("nextRun").asText("(none)"));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a job and its runs.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            options.client().deleteJob(name);
            System.out.println("job " + name + " deleted");
            return 0;
        }
    }
}
