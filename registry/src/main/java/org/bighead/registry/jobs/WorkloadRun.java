package org.bighead.registry.jobs;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bighead.registry.jobs.compute.JobCompute;
import org.bighead.registry.jobs.compute.JobComputeException;
import org.bighead.registry.jobs.compute.JobWorkload;

/**
 * A job's workload on a compute back end, as {@link ChildProcess} is a job's child on this host: started, polled
 * until it ends, its log's last {@link ChildProcess#TAIL_CHARS} characters kept, stopped at the run's timeout or when
 * the registry's worker is interrupted, and always removed at the end, so that nothing is left running. Its end is
 * told in the same words as a child's: could not start, timed out, exited with status N.
 */
final class WorkloadRun {
    /** EC2 knows no exit code: the instance's start script prints this line as the container ends. */
    private static final Pattern EXIT_LINE = Pattern.compile("bighead: exit code (\\d+)");
    /** Status calls that may fail in a row (the service restarting) before the run gives up. */
    private static final int MAX_ERRORS = 3;

    private WorkloadRun() {}

    /** Runs {@code workload} on {@code compute} within {@code timeout}, polling every {@code poll}. */
    static ChildProcess.Outcome run(
            JobCompute compute, JobWorkload workload, Duration timeout, Duration poll, String what)
            throws InterruptedException {
        String id;
        try {
            id = compute.start(workload);
        } catch (JobComputeException e) {
            return new ChildProcess.Outcome(
                    "could not start " + what + " on the " + compute.backend() + " back end: " + e.getMessage(), "");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int errors = 0;
        try {
            while (true) {
                JobCompute.State state;
                try {
                    state = compute.status(id);
                    errors = 0;
                } catch (JobComputeException e) {
                    if (++errors >= MAX_ERRORS) {
                        return new ChildProcess.Outcome(
                                "lost track of " + what + " (" + id + "): " + e.getMessage() + "; it was stopped", "");
                    }
                    state = new JobCompute.State("unknown", null);
                }
                if (state == null) {
                    return new ChildProcess.Outcome(what + " (" + id + ") is gone: it was stopped from outside", "");
                }
                if (state.done()) {
                    String log = tail(compute, id);
                    Integer exit = state.exitCode() != null ? state.exitCode() : exitLine(log);
                    if (exit == null) {
                        return new ChildProcess.Outcome(what + " (" + id + ") was stopped before it ended", log);
                    }
                    return new ChildProcess.Outcome(exit == 0 ? null : what + " exited with status " + exit, log);
                }
                if (System.nanoTime() - deadline >= 0) {
                    return new ChildProcess.Outcome(
                            "timed out after " + timeout.toSeconds() + " s; " + what + " was stopped",
                            tail(compute, id));
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (InterruptedException e) {
            // the registry is stopping: the workload goes with the run (its row is retried at the next start)
            stopQuietly(compute, id);
            id = null;
            throw e;
        } finally {
            if (id != null) {
                stopQuietly(compute, id);
            }
        }
    }

    /** The last characters of its output (the console, on EC2); empty when the back end cannot say. */
    private static String tail(JobCompute compute, String id) {
        try {
            String log = compute.logs(id, 400);
            return log.length() > ChildProcess.TAIL_CHARS ? log.substring(log.length() - ChildProcess.TAIL_CHARS) : log;
        } catch (JobComputeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static Integer exitLine(String log) {
        Matcher m = EXIT_LINE.matcher(log);
        Integer last = null;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static void stopQuietly(JobCompute compute, String id) {
        try {
            compute.stop(id);
        } catch (JobComputeException e) {
            // the run's end is what matters; the back end's sweeper finds a workload left behind by its labels
        }
    }
}
