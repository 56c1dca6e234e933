package org.bighead.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
    private static final int MAX_YEAR = 9999;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

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
     * A query parameter as an instant, or a 400 naming the parameter. A plain date ({@code 2030-01-01}) means the
     * end of that day in UTC (its last millisecond), so "where did the alias point on that day" includes the day.
     */
    public static Instant parse(String text, String parameter) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException notADate) {
                throw HttpError.badRequest(parameter + " '" + Messages.shorten(text, Names.MAX_QUOTED)
                        + "' is not an ISO-8601 instant such as 2026-11-27T14:02:11Z or a date such as 2026-11-27 (the end of that day, UTC)");
            }
            instant = date.getYear() > MAX_YEAR ? null
                    : date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        }
        if (instant == null || instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw HttpError.badRequest(parameter + " '" + Messages.shorten(text, Names.MAX_QUOTED)
                    + "' is out of range: instants go from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z");
        }
        return instant;
    }
}
