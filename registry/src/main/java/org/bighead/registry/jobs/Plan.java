package org.bighead.registry.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The scheduler's pure decisions: which missed times to run (catch-up), and how long to wait before a retry. */
public final class Plan {
    /** What to do with scheduled times missed while the registry was down. */
    public enum CatchUp {
        /** Run only the latest missed time (the default). */
        LATEST,
        /** Run every missed time, oldest first (at most {@link #MAX_CATCH_UP}). */
        ALL,
        /** Skip missed times; run from the next one on. */
        NONE;

        /** The policy named {@code text} (latest, all, none), or an IllegalArgumentException listing them. */
        public static CatchUp parse(String text) {
            for (CatchUp c : values()) {
                if (c.name().equalsIgnoreCase(text)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("catch-up policy '" + text + "' is not one of latest, all, none");
        }

        /** The name as the API spells it. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Runs to claim now, and the job's next scheduled time after them. */
    public record Due(List<Instant> times, Instant next) {}

    /** The most missed runs {@link CatchUp#ALL} makes at once. */
    public static final int MAX_CATCH_UP = 100;

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private Plan() {}

    /** The times due at {@code now} for a job whose next scheduled time is {@code next}. */
    public static Due due(Cron cron, ZoneId zone, Instant next, Instant now, CatchUp catchUp) {
        List<Instant> missed = new ArrayList<>();
        Instant t = next;
        while (t != null && !t.isAfter(now)) {
            missed.add(t);
            if (missed.size() > MAX_CATCH_UP) {
                missed.remove(0);
            }
            t = cron.next(t, zone);
        }
        if (missed.isEmpty()) {
            return new Due(List.of(), next);
        }
        List<Instant> run = switch (catchUp) {
            case ALL -> missed;
            case LATEST -> List.of(missed.get(missed.size() - 1));
            case NONE ->
                missed.size() == 1 && !missed.get(0).isBefore(now.minusSeconds(60))
                        ? missed // on time, not missed
                        : List.of();
        };
        return new Due(List.copyOf(run), t);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed: 30 s doubling, at most 1 h. */
    public static Duration backoff(int attempt) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
