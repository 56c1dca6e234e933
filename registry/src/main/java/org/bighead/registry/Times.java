package org.bighead.registry;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;

/**
 * Instants as the registry stores and shows them: ISO-8601 UTC with exactly three fraction digits and a four-digit
 * year, so text order is time order (on SQLite and PostgreSQL alike). Instants outside years 0000 to 9999 cannot be
 * written that way (year 10000 would be "+10000-…", which sorts before "2026-…"), so they are refused.
 */
public final class Times {
    /** The earliest instant the registry takes. */
    public static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    /** The latest instant the registry takes. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    /** An RFC 3339 date-time (case-insensitive T and Z, a space for T as RFC 3339 allows) or full-date. */
    private static final Pattern RFC_3339 = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})"
            + "(?:[Tt ]([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(?:\\.([0-9]+))?"
            + "([Zz]|([+-])([01][0-9]|2[0-3]):([0-5][0-9])))?");

    private static final String SHAPES = " is not an ISO-8601 instant such as 2026-11-27T14:02:11Z or a date such as"
            + " 2026-11-27 (the end of that day, UTC)";
    private static final Pattern BIG_YEAR = Pattern.compile("[+-][0-9]{4,}-|[0-9]{5,}-");

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    /** Now, formatted. */
    public static String now() {
        return format(Instant.now());
    }

    /** An instant from {@link #MIN} to {@link #MAX}, formatted; text order is time order. */
    public static String format(Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException(instant + " is outside " + MIN + " to " + MAX);
        }
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * A query parameter as an instant, or a 400 naming the parameter: an RFC 3339 date-time (what OpenAPI's
     * {@code date-time} format means: {@code 2026-11-27T14:02:11Z}, any fraction digits, an offset such as +01:00,
     * a leap second) or a plain date ({@code 2030-01-01}), which means the end of that day in UTC (its last
     * millisecond), so "where did the alias point on that day" includes the day. Years have four digits (0000 to
     * 9999); an offset that moves one just past either end gives that end, which answers every lookup the same way.
     */
    public static Instant parse(String text, String parameter) {
        String quoted = parameter + " '" + Messages.shorten(text, Names.MAX_QUOTED) + "'";
        Matcher m = RFC_3339.matcher(text);
        if (!m.matches()) {
            throw HttpError.badRequest(quoted
                    + (BIG_YEAR.matcher(text).lookingAt()
                            ? " is out of range: instants go from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z"
                            : SHAPES));
        }
        LocalDate date;
        try {
            date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
        } catch (DateTimeException e) {
            throw HttpError.badRequest(quoted + " is not a day of the calendar (" + e.getMessage() + "); use an"
                    + " ISO-8601 instant such as 2026-11-27T14:02:11Z or a date such as 2026-11-27");
        }
        if (m.group(4) == null) {
            return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        }
        int hour = number(m, 4);
        int minute = number(m, 5);
        int second = Math.min(number(m, 6), 59); // a leap second is the last second of its minute
        String fraction = m.group(7) == null ? "" : m.group(7);
        int millis = Integer.parseInt((fraction + "000").substring(0, 3));
        long offsetSeconds = 0;
        if (m.group(9) != null) {
            offsetSeconds =
                    (number(m, 10) * 3600L + number(m, 11) * 60L) * (m.group(9).equals("-") ? -1 : 1);
        }
        Instant local =
                date.atTime(hour, minute, second).toInstant(ZoneOffset.UTC).plusMillis(millis);
        Instant instant = local.minusSeconds(offsetSeconds);
        return instant.isBefore(MIN) ? MIN : instant.isAfter(MAX) ? MAX : instant;
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
