package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bighead.registry.Json;
import org.bighead.registry.Times;

/**
 * Jobs and their runs. A run is claimed by inserting its row (the key (job_name, logical_time) lets one insert win)
 * or by moving a queued, failed or interrupted row to running in one UPDATE whose WHERE only the winner matches, so
 * no logical time of a job ever runs twice at once, across threads, processes and restarts.
 */
public final class JobStore {
    /** The statuses of a run. */
    public static final List<String> STATUSES = List.of("queued", "running", "succeeded", "failed", "interrupted");

    private static final String JOB_COLUMNS = "name, kind, model_ref, schedule, time_zone, spec, catch_up,"
            + " max_retries, timeout_seconds, paused, created_by, created_at, next_time";
    private static final String RUN_COLUMNS = "job_name, logical_time, status, attempt, trigger_kind, owner,"
            + " queued_at, started_at, ended_at, retry_at, outputs, message, log_tail";

    private static final Sql.Row<JobRow> JOB = rs -> new JobRow(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            Json.parse(rs.getString(6)),
            rs.getString(7),
            rs.getInt(8),
            rs.getInt(9),
            rs.getInt(10) != 0,
            rs.getString(11),
            rs.getString(12),
            rs.getString(13));

    private static final Sql.Row<RunRow> RUN = rs -> new RunRow(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getInt(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            Json.parse(rs.getString(11)),
            rs.getString(12),
            rs.getString(13));

    private final Database db;

    /** The store over an open, migrated database. */
    public JobStore(Database db) {
        this.db = db;
    }

    /** Stores a new job; a conflict if the name is taken. */
    public JobRow create(JobRow j) {
        return db.write(c -> {
            int added = Sql.update(
                    c,
                    "INSERT INTO jobs (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (name) DO NOTHING",
                    j.name(),
                    j.kind(),
                    j.modelRef(),
                    j.schedule(),
                    j.timeZone(),
                    Json.text(j.spec()),
                    j.catchUp(),
                    j.maxRetries(),
                    j.timeoutSeconds(),
                    j.paused() ? 1 : 0,
                    j.createdBy(),
                    j.createdAt(),
                    j.nextTime());
            if (added == 0) {
                throw new ConflictException("job '" + j.name() + "' already exists");
            }
            return job(c, j.name());
        });
    }

    /** Every job, by name. */
    public List<JobRow> jobs() {
        return db.read(c -> Sql.query(c, "SELECT " + JOB_COLUMNS + " FROM jobs ORDER BY name", JOB));
    }

    /**
     * The unpaused jobs whose next time has come ({@code next_time <= now}, read through its index), at most
     * {@code limit}, the longest due first: what one poll has to look at, however many jobs there are.
     */
    public List<JobRow> dueJobs(String now, int limit) {
        return db.read(c -> Sql.query(
                c,
                "SELECT " + JOB_COLUMNS + " FROM jobs WHERE next_time <= ? AND paused = 0 ORDER BY next_time"
                        + " LIMIT ?",
                JOB,
                now,
                limit));
    }

    /** One job; not found if unknown. */
    public JobRow job(String name) {
        return db.read(c -> job(c, name));
    }

    /** Pauses or resumes a job, giving it {@code next} as its next time; not found if unknown. */
    public JobRow setPaused(String name, boolean paused, String next) {
        return db.write(c -> {
            if (Sql.update(c, "UPDATE jobs SET paused = ?, next_time = ? WHERE name = ?", paused ? 1 : 0, next, name)
                    == 0) {
                throw noJob(name);
            }
            return job(c, name);
        });
    }

    /** Moves a job's next scheduled time on, only if it still is {@code expected} (one scheduler advances it). */
    public boolean advance(String name, String expected, String next) {
        return db.write(c ->
                Sql.update(c, "UPDATE jobs SET next_time = ? WHERE name = ? AND next_time = ?", next, name, expected)
                        == 1);
    }

    /** Deletes a job and its runs; not found if unknown. */
    public void delete(String name) {
        db.write(c -> {
            job(c, name);
            Sql.update(c, "DELETE FROM job_runs WHERE job_name = ?", name);
            Sql.update(c, "DELETE FROM jobs WHERE name = ?", name);
            return null;
        });
    }

    /**
     * Inserts a run of {@code job} at {@code logicalTime}, status {@code status} (queued, or running for
     * {@code owner}); empty when that logical time already has a run (another claim won).
     */
    public Optional<RunRow> insertRun(String job, String logicalTime, String status, String trigger, String owner) {
        return db.write(c -> {
            job(c, job);
            String now = Times.now();
            int added = Sql.update(
                    c,
                    "INSERT INTO job_runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, 1, ?, ?, ?, ?, NULL, NULL, '{}', '',"
                            + " '') ON CONFLICT (job_name, logical_time) DO NOTHING",
                    job,
                    logicalTime,
                    status,
                    trigger,
                    owner,
                    now,
                    "running".equals(status) ? now : null);
            return added == 0 ? Optional.<RunRow>empty() : Optional.of(run(c, job, logicalTime));
        });
    }

    /**
     * Claims a queued run, or a failed or interrupted one whose retry time has come (its attempt counted up), for
     * {@code owner}; empty if another claim won or it is not claimable.
     */
    public Optional<RunRow> claim(String job, String logicalTime, String owner, String now) {
        return db.write(c -> {
            int claimed = Sql.update(
                    c,
                    "UPDATE job_runs SET status = 'running', owner = ?, started_at = ?, ended_at = NULL,"
                            + " retry_at = NULL, attempt = CASE WHEN status = 'queued' THEN attempt ELSE attempt + 1"
                            + " END WHERE job_name = ? AND logical_time = ? AND (status = 'queued' OR (status IN"
                            + " ('failed', 'interrupted') AND retry_at IS NOT NULL AND retry_at <= ?))",
                    owner,
                    now,
                    job,
                    logicalTime,
                    now);
            return claimed == 0 ? Optional.<RunRow>empty() : Optional.of(run(c, job, logicalTime));
        });
    }

    /**
     * Queues a failed or interrupted run again now, its attempt counted up (an outside scheduler retrying its run of
     * that logical time); empty when the run is not failed or interrupted (queued, running or succeeded).
     */
    public Optional<RunRow> requeue(String job, String logicalTime) {
        return db.write(c -> {
            int queued = Sql.update(
                    c,
                    "UPDATE job_runs SET status = 'queued', owner = NULL, queued_at = ?, started_at = NULL,"
                            + " ended_at = NULL, retry_at = NULL, attempt = attempt + 1 WHERE job_name = ? AND"
                            + " logical_time = ? AND status IN ('failed', 'interrupted')",
                    Times.now(),
                    job,
                    logicalTime);
            return queued == 0 ? Optional.<RunRow>empty() : Optional.of(run(c, job, logicalTime));
        });
    }

    /** Runs that can be claimed at {@code now}: queued ones, and failed or interrupted ones due a retry. */
    public List<RunRow> claimable(String now) {
        return claimable(now, Integer.MAX_VALUE);
    }

    /** The first {@code limit} runs that can be claimed at {@code now}, oldest logical time first. */
    public List<RunRow> claimable(String now, int limit) {
        return db.read(c -> Sql.query(
                c,
                "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE status = 'queued' OR (status IN ('failed',"
                        + " 'interrupted') AND retry_at IS NOT NULL AND retry_at <= ?) ORDER BY logical_time"
                        + " LIMIT ?",
                RUN,
                now,
                limit));
    }

    /**
     * Records how a running run ended (succeeded or failed), if {@code owner} still holds it; {@code retryAt} is
     * when a failed run is tried again (null: never).
     */
    public void finish(
            String job,
            String logicalTime,
            String owner,
            String status,
            JsonNode outputs,
            String message,
            String logTail,
            String retryAt) {
        db.write(c -> Sql.update(
                c,
                "UPDATE job_runs SET status = ?, ended_at = ?, outputs = ?, message = ?, log_tail = ?, retry_at = ?"
                        + " WHERE job_name = ? AND logical_time = ? AND status = 'running' AND owner = ?",
                status,
                Times.now(),
                Json.text(outputs),
                message,
                logTail,
                retryAt,
                job,
                logicalTime,
                owner));
    }

    /**
     * Records that scheduler {@code owner} is alive at {@code now} (its heartbeat); a scheduler whose row another
     * one removed as stale (it paused longer than the lease) gets a new row and goes on.
     */
    public void beat(String owner, String now) {
        db.write(c -> {
            if (Sql.update(c, "UPDATE schedulers SET beat_at = ? WHERE owner = ?", now, owner) == 0) {
                Sql.update(
                        c,
                        "INSERT INTO schedulers (owner, started_at, beat_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (owner) DO NOTHING",
                        owner,
                        now,
                        now);
            }
            return null;
        });
    }

    /** Removes scheduler {@code owner}'s heartbeat (it stopped): its running runs are anyone's to interrupt. */
    public void forget(String owner) {
        db.write(c -> Sql.update(c, "DELETE FROM schedulers WHERE owner = ?", owner));
    }

    /** The schedulers that beat at or after {@code since}: owner → its last beat. */
    public Map<String, String> liveSchedulers(String since) {
        Map<String, String> live = new HashMap<>();
        db.read(c -> Sql.query(
                        c,
                        "SELECT owner, beat_at FROM schedulers WHERE beat_at >= ? ORDER BY owner",
                        rs -> new String[] {rs.getString(1), rs.getString(2)},
                        since))
                .forEach(r -> live.put(r[0], r[1]));
        return live;
    }

    /**
     * Marks interrupted the runs left running by a scheduler other than {@code owner} that has not beaten since
     * {@code leaseStart} (or has no heartbeat at all: it stopped, or died before this table existed), and forgets
     * such schedulers. One conditional UPDATE: when several schedulers do this at once, each run changes once. A
     * run with retries left is due again at {@code now}; the others keep no retry time. Returns how many.
     */
    public int interruptOrphans(String owner, String leaseStart, String now) {
        return db.write(c -> {
            int n = Sql.update(
                    c,
                    "UPDATE job_runs SET status = 'interrupted', ended_at = ?, retry_at = CASE WHEN attempt <="
                            + " (SELECT max_retries FROM jobs WHERE jobs.name = job_runs.job_name) THEN ? ELSE NULL"
                            + " END, message = 'the registry process running it stopped before it ended (no"
                            + " heartbeat within the lease); it is tried again while it has retries left' WHERE"
                            + " status = 'running' AND (owner IS NULL OR (owner <> ? AND owner NOT IN (SELECT"
                            + " owner FROM schedulers WHERE beat_at >= ?)))",
                    now,
                    now,
                    owner,
                    leaseStart);
            Sql.update(c, "DELETE FROM schedulers WHERE beat_at < ? AND owner <> ?", leaseStart, owner);
            return n;
        });
    }

    /** Gives up retrying a run (its retries are used up): clears its retry time. */
    public void noMoreRetries(String job, String logicalTime) {
        db.write(c -> Sql.update(
                c, "UPDATE job_runs SET retry_at = NULL WHERE job_name = ? AND logical_time = ?", job, logicalTime));
    }

    /** A job's runs, newest logical time first, at most {@code limit}; not found if the job is unknown. */
    public List<RunRow> runs(String job, int limit) {
        return db.read(c -> {
            job(c, job);
            return Sql.query(
                    c,
                    "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job_name = ? ORDER BY logical_time DESC LIMIT ?",
                    RUN,
                    job,
                    limit);
        });
    }

    /** The latest run (newest logical time) of every job that has one, by job name. */
    public Map<String, RunRow> latestRuns() {
        List<RunRow> rows = db.read(c -> Sql.query(
                c,
                "SELECT " + RUN_COLUMNS + " FROM job_runs r WHERE logical_time = (SELECT MAX(logical_time) FROM"
                        + " job_runs l WHERE l.job_name = r.job_name)",
                RUN));
        Map<String, RunRow> latest = new HashMap<>();
        rows.forEach(r -> latest.put(r.job(), r));
        return latest;
    }

    /** One run; not found if unknown. */
    public RunRow run(String job, String logicalTime) {
        return db.read(c -> run(c, job, logicalTime));
    }

    private static RunRow run(Connection c, String job, String logicalTime) throws SQLException {
        return Sql.first(
                        c,
                        "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job_name = ? AND logical_time = ?",
                        RUN,
                        job,
                        logicalTime)
                .orElseThrow(() -> new NotFoundException("job '" + job + "' has no run at " + logicalTime));
    }

    private static JobRow job(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT " + JOB_COLUMNS + " FROM jobs WHERE name = ?", JOB, name)
                .orElseThrow(() -> noJob(name));
    }

    private static NotFoundException noJob(String name) {
        return new NotFoundException("no job named '" + name + "'");
    }
}
