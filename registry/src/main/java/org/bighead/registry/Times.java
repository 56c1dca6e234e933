package org.bighead.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;

/** Instants as the registry stores and shows them: ISO-8601 UTC with exactly three fraction digits. */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** Now, formatted. */
    public static String now() {
        return format(Instant.now());
    }

    /** An instant, formatted; text order is time order. */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * A query parameter as an instant, or a 400 naming the parameter. A plain date ({@code 2030-01-01}) means the
     * end of that day in UTC (its last millisecond), so "where did the alias point on that day" includes the day.
     */
    public static Instant parse(String text, String parameter) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
            } catch (DateTimeParseException notADate) {
                throw HttpError.badRequest(parameter + " '" + Messages.shorten(text, Names.MAX_QUOTED)
                        + "' is not an ISO-8601 instant such as 2026-11-27T14:02:11Z or a date such as 2026-11-27 (the end of that day, UTC)");
            }
        }
    }
}
