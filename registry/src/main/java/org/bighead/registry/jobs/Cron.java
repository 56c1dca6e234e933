package org.bighead.registry.jobs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week) or a preset ({@code @hourly}, {@code
 * @daily}, {@code @weekly}, {@code @monthly}), read in a time zone. Fields take {@code *}, numbers, ranges {@code
 * a-b}, steps {@code *}{@code /n} and {@code a-b/n}, lists {@code a,b}; day-of-week 0-7 (0 and 7 are Sunday). As in
 * Vixie cron, when both day fields are restricted a day matching either one runs.
 */
public final class Cron {
    /** What a schedule may be, for error messages. */
    public static final String RULE = "a 5-field cron expression 'minute hour day-of-month month day-of-week'"
            + " (e.g. '0 3 * * *') or one of @hourly, @daily, @weekly, @monthly";

    private static final Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *");
    private static final String[] NAMES = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    /** Searching further than this finds nothing (e.g. "0 0 31 2 *", February 31st). */
    private static final int MAX_YEARS = 5;

    private final String text;
    private final BitSet[] fields = new BitSet[5];
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private Cron(String text) {
        this.text = text;
        String expr = PRESETS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        if (expr.startsWith("@")) {
            throw new IllegalArgumentException("unknown preset '" + text + "': a schedule is " + RULE);
        }
        String[] parts = expr.trim().split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException(
                    "schedule '" + text + "' has " + parts.length + " field(s); a schedule is " + RULE);
        }
        for (int i = 0; i < 5; i++) {
            fields[i] = field(parts[i], i, text);
        }
        if (fields[4].get(7)) {
            fields[4].set(0);
        }
        anyDayOfMonth = parts[2].equals("*");
        anyDayOfWeek = parts[4].equals("*");
    }

    /** The schedule, or an IllegalArgumentException naming the field that is wrong and what a schedule may be. */
    public static Cron parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the schedule is empty; a schedule is " + RULE);
        }
        return new Cron(text.trim());
    }

    /** The schedule as written. */
    public String text() {
        return text;
    }

    /** The first time strictly after {@code after} that matches, in {@code zone}; null if none within 5 years. */
    public Instant next(Instant after, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(after, zone)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        LocalDateTime end = t.plusYears(MAX_YEARS);
        while (t.isBefore(end)) {
            if (!fields[3].get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).plusMonths(1).truncatedTo(ChronoUnit.DAYS);
            } else if (!dayMatches(t)) {
                t = t.plusDays(1).truncatedTo(ChronoUnit.DAYS);
            } else if (!fields[1].get(t.getHour())) {
                t = t.plusHours(1).truncatedTo(ChronoUnit.HOURS);
            } else if (!fields[0].get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                Instant at = ZonedDateTime.of(t, zone).toInstant();
                if (at.isAfter(after)) {
                    return at;
                }
                t = t.plusMinutes(1); // a local time repeated when clocks go back, already past
            }
        }
        return null;
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = fields[2].get(t.getDayOfMonth());
        boolean dow = fields[4].get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static BitSet field(String part, int index, String text) {
        BitSet bits = new BitSet();
        for (String item : part.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), index, text, 1, MAX[index]);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = MIN[index];
                hi = index == 4 ? 6 : MAX[index];
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                lo = number(ends[0], index, text, MIN[index], MAX[index]);
                hi = number(ends[1], index, text, MIN[index], MAX[index]);
                if (hi < lo) {
                    throw bad(index, text, "range '" + range + "' ends before it starts");
                }
            } else {
                lo = number(range, index, text, MIN[index], MAX[index]);
                hi = slash >= 0 ? (index == 4 ? 6 : MAX[index]) : lo;
            }
            for (int v = lo; v <= hi; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String s, int index, String text, int min, int max) {
        if (!s.matches("[0-9]{1,2}")) {
            throw bad(index, text, "'" + s + "' is not a number");
        }
        int v = Integer.parseInt(s);
        if (v < min || v > max) {
            throw bad(index, text, v + " is outside " + min + "-" + max);
        }
        return v;
    }

    private static IllegalArgumentException bad(int index, String text, String what) {
        return new IllegalArgumentException(
                "schedule '" + text + "': " + NAMES[index] + " field: " + what + "; a schedule is " + RULE);
    }

    @Override
    public String toString() {
        return text;
    }
}
