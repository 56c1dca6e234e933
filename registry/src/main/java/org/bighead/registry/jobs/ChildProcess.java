package org.bighead.registry.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bighead.config.OneLineErrors;

/**
 * A job's child process ({@code bighead batch-score …}, {@code bighead notebook run …}): stdout and stderr merged,
 * the last {@link #TAIL_CHARS} characters kept, stopped at the run's timeout — first asked (TERM, so a notebook run
 * removes its container), then killed.
 */
final class ChildProcess {
    /** How much of a run's log is kept. */
    static final int TAIL_CHARS = 4000;

    /** How a child ended: its exit code, or timed out (then killed); its log tail. */
    record Ended(boolean timedOut, int exitCode, String log) {}

    /** A job's child as its run reports it: {@code failure} says why it failed, null when it exited 0. */
    record Outcome(String failure, String log) {
        boolean succeeded() {
            return failure == null;
        }
    }

    /** The variable a child finds its registry token in. */
    static final String TOKEN = "BIGHEAD_REGISTRY_TOKEN";

    private ChildProcess() {}

    /** {@code environment} plus the run's own registry token (when there is one). */
    static Map<String, String> withToken(Map<String, String> environment, String token) {
        Map<String, String> env = new HashMap<>(environment);
        if (token != null) {
            env.put(TOKEN, token);
        }
        return env;
    }

    /**
     * Runs {@code command} for a job and says how it went in the run's words: it could not start, {@code what}
     * timed out, or {@code what} exited with status N.
     */
    static Outcome launch(
            List<String> command, Map<String, String> environment, Duration timeout, String name, String what)
            throws InterruptedException {
        Ended ended;
        try {
            ended = run(command, environment, timeout, name);
        } catch (IOException e) {
            return new Outcome("could not start " + String.join(" ", command) + ": " + e, "");
        }
        if (ended.timedOut()) {
            return new Outcome("timed out after " + timeout.toSeconds() + " s; " + what + " was stopped", ended.log());
        }
        if (ended.exitCode() != 0) {
            // the command's own one line says why; "exited with status 1" alone sends people to the log
            return new Outcome(
                    what + " exited with status " + ended.exitCode()
                            + OneLineErrors.reason(ended.log())
                                    .map(r -> ": " + r)
                                    .orElse(""),
                    ended.log());
        }
        return new Outcome(null, ended.log());
    }

    /** Runs {@code command} with {@code environment} added; an IOException when it cannot start. */
    private static Ended run(List<String> command, Map<String, String> environment, Duration timeout, String name)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // whatever token the registry's own process was started with is never a run's: only the run's own token
        pb.environment().remove(TOKEN);
        pb.environment().putAll(environment);
        Process p = pb.start();
        Tail tail = new Tail(p.getInputStream());
        Thread reader = new Thread(tail, "job-log-" + name);
        reader.setDaemon(true);
        reader.start();
        boolean ended;
        try {
            ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop(p);
            throw e;
        }
        if (!ended) {
            stop(p);
        }
        reader.join(5_000);
        return new Ended(!ended, ended ? p.exitValue() : -1, tail.text());
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Reads a stream to its end, keeping the last {@link #TAIL_CHARS} characters. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final StringBuilder text = new StringBuilder();

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (text) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (text.length() > 2 * TAIL_CHARS) {
                            text.delete(0, text.length() - TAIL_CHARS);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended or was killed: keep what was read
            }
        }

        String text() {
            synchronized (text) {
                return text.length() > TAIL_CHARS ? text.substring(text.length() - TAIL_CHARS) : text.toString();
            }
        }
    }
}
