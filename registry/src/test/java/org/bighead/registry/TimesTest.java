package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.bighead.http.HttpError;
import org.junit.jupiter.api.Test;

/** How {@code ?at=} is read: an instant as given, a plain date as the end of that day in UTC. */
class TimesTest {
    @Test
    void anInstantIsTakenAsGiven() {
        assertThat(Times.parse("2026-11-27T14:02:11Z", "at")).isEqualTo(Instant.parse("2026-11-27T14:02:11Z"));
    }

    @Test
    void aPlainDateMeansTheLastMillisecondOfThatDayInUtc() {
        assertThat(Times.parse("2030-01-01", "at")).isEqualTo(Instant.parse("2030-01-01T23:59:59.999Z"));
        assertThat(Times.format(Times.parse("2024-02-29", "at"))).isEqualTo("2024-02-29T23:59:59.999Z");
    }

    @Test
    void instantsBeyondYear9999OrBeforeYear0AreA400SayingTheRange() {
        for (String text : new String[] {
            "+10000-01-01T00:00:00Z",
            "+1000000000-01-01T00:00:00Z",
            "-1000000000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59Z",
            "+999999999-12-31",
            "+10000-01-01"
        }) {
            assertThatThrownBy(() -> Times.parse(text, "at")).as(text).isInstanceOfSatisfying(HttpError.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage())
                        .contains("'" + text + "'")
                        .contains("0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z");
            });
        }
    }

    @Test
    void anOffsetThatMovesAFourDigitYearJustPastEitherEndGivesThatEnd() {
        assertThat(Times.parse("9999-12-31T23:00:00-05:00", "at")).isEqualTo(Times.MAX);
        assertThat(Times.parse("0000-01-01T00:00:00+01:00", "at")).isEqualTo(Times.MIN);
    }

    @Test
    void everyRfc3339DateTimeIsTakenLeapSecondsLongFractionsAndOffsetsToo() {
        assertThat(Times.parse("2020-01-01T12:30:60Z", "at")).isEqualTo(Instant.parse("2020-01-01T12:30:59Z"));
        assertThat(Times.parse("2020-01-01t00:00:00.1234567891z", "at"))
                .isEqualTo(Instant.parse("2020-01-01T00:00:00.123Z"));
        assertThat(Times.parse("2020-01-01 01:00:00+23:59", "at")).isEqualTo(Instant.parse("2019-12-31T01:01:00Z"));
        assertThat(Times.parse("2020-01-01T00:00:00-00:30", "at")).isEqualTo(Instant.parse("2020-01-01T00:30:00Z"));
    }

    @Test
    void theLastInstantOfYear9999SortsAfterNowAsStoredText() {
        String last = Times.format(Times.parse("9999-12-31", "at"));

        assertThat(last).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(last.compareTo(Times.now())).isPositive();
        assertThat(Times.format(Times.MIN).compareTo(Times.now())).isNegative();
    }

    @Test
    void anythingElseIsA400NamingTheParameterAndBothShapes() {
        assertThatThrownBy(() -> Times.parse("2030-02-30", "at")).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage())
                    .contains("at '2030-02-30'")
                    .contains("2026-11-27T14:02:11Z")
                    .contains("2026-11-27");
        });
        assertThatThrownBy(() -> Times.parse("yesterday", "at")).isInstanceOf(HttpError.class);
    }
}
