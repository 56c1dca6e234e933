package org.bighead.magics;

import java.time.Clock;
import java.util.Map;
import org.bighead.registry.client.Job;
import org.bighead.registry.client.JobRun;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.RunWatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code %bighead jobs [NAME]}: the registry's scheduled jobs, or one job's recent runs. */
@Command(
        name = "jobs",
        description = {
            "List the registry's scheduled jobs, or one job's recent runs: %%bighead jobs NAME",
            "",
            "Alone: every job with its kind, model, schedule and time zone, next run and how its last run ended."
                    + " With a NAME: that job's runs, newest first (logical time, trigger, attempt, status, start,"
                    + " duration, rows and files written, the version a retrain registered, message; the log tail"
                    + " folds open under each run). Names link to the registry UI's pages. Times are in the job's"
                    + " time zone.",
            "",
            "Examples:",
            "  %%bighead jobs",
            "  %%bighead jobs nightly-scores",
            "  %%bighead jobs nightly-scores --limit 50",
            "  %%bighead jobs weekly-retrain --run",
            "",
            "--run runs the job now, as ./bighead jobs run NAME --wait does: the cell follows the run to its end"
                    + " (interrupting it stops the waiting, not the run), then shows the job's runs, and fails when"
                    + " the run did (so Run All stops there). The registry's scheduler runs it (./bighead registry"
                    + " serve, unless started with --job-workers 0).",
            "Jobs are made with %%bighead export … --schedule/--batch, or from a terminal: ./bighead jobs create"
                    + " NAME --kind batch-score --model MODEL@ALIAS --schedule @daily …"
        })
final class JobsSubcommand implements PicocliSubcommand.Action {
    private final Map<String, String> env;
    private final Clock clock;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A job: show its recent runs.")
    String name;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "10",
            description = "With NAME: at most this many runs, newest first (1-1000; default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--run",
            description = "With NAME: run the job now, follow the run to its end, then show the job's runs.")
    boolean run;

    /** Finds the registry through {@code env}, then the user's settings. */
    JobsSubcommand(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /** As above; "in 3 h" and "5 min ago" count from {@code clock}. */
    JobsSubcommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Object call(MagicContext context) {
        if (limit < 1 || limit > 1000) {
            throw new MagicException("%bighead jobs: --limit must be from 1 to 1000, not " + limit);
        }
        if (name == null && limit != 10) {
            throw new MagicException("%bighead jobs: --limit counts one job's runs; name the job: %bighead jobs NAME"
                    + " --limit " + limit);
        }
        if (name == null && run) {
            throw new MagicException("%bighead jobs: --run runs one job; name it: %bighead jobs NAME --run");
        }
        RegistryClient client = new RegistryAccess(env).client(context.config());
        try {
            if (name == null) {
                return new JobTables(client.url(), clock.instant()).jobs(client.listJobs());
            }
            JobRun ran = run ? new RunFollower(client, new RunWatcher(client), context.out()).runNow(name) : null;
            JobTables tables = new JobTables(client.url(), clock.instant());
            Job job = client.getJob(name);
            Object shown = tables.runs(job, client.listJobRuns(name, limit));
            if (ran != null && !"succeeded".equals(ran.status())) {
                // as jobs run --wait exits 1: Run All stops here, the runs (and the failed run's log) shown above
                context.display(shown);
                throw new MagicException("%bighead jobs: the run of " + name + " at " + ran.logicalTime() + " "
                        + ran.status() + (ran.message().isEmpty() ? "" : ": " + ran.message()));
            }
            return shown;
        } catch (RegistryException e) {
            if (e.status() == 404 && name != null) {
                throw new MagicException("%bighead jobs: the registry at " + client.url() + " has no job named '" + name
                        + "' (%bighead jobs lists them)");
            }
            throw RegistryAccess.failure(name == null ? "listing jobs" : "reading job " + name, client, e);
        }
    }
}
