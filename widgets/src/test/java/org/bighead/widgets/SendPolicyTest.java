package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When a change leaves for the browser, as examples; the clock is the numbers passed in, never the real one. */
class SendPolicyTest {
    private static final long START = TimeUnit.HOURS.toNanos(5); // any System.nanoTime value

    private static long ms(double millis) {
        return Math.round(millis * 1_000_000);
    }

    /** A widget whose last message carried {@code changes} changes, sent at {@code START}. */
    private static SendPolicy.Pace sentOnce(int changes) {
        SendPolicy.Pace pace = new SendPolicy.Pace(START - ms(1_000));
        for (int i = 0; i < changes; i++) {
            pace.changed();
        }
        pace.sent(START);
        return pace;
    }

    @Test
    void aWidgetChangedForTheFirstTimeSendsAfterOneMillisecond() {
        SendPolicy.Pace pace = new SendPolicy.Pace(START);
        pace.changed();

        assertThat(pace.delayNanos(START)).isEqualTo(ms(1));
        assertThat(pace.delayNanos(START + ms(3))).isEqualTo(ms(1));
    }

    @Test
    void aQuietWidgetSendsAfterOneMillisecondButAtLeastFiveAfterItsPreviousMessage() {
        SendPolicy.Pace pace = sentOnce(1); // a click

        assertThat(pace.delayNanos(START + ms(1))).as("1 ms after its message").isEqualTo(ms(4));
        assertThat(pace.delayNanos(START + ms(3.5))).as("3.5 ms after").isEqualTo(ms(1.5));
        assertThat(pace.delayNanos(START + ms(4.5))).as("4.5 ms after").isEqualTo(ms(1));
        assertThat(pace.delayNanos(START + ms(250))).as("a while after").isEqualTo(ms(1));
    }

    @Test
    void threeChangesInOneMessageAreStillAQuietWidget() {
        assertThat(sentOnce(3).delayNanos(START + ms(10))).isEqualTo(ms(1));
    }

    @Test
    void aWidgetALoopChangesGathersForTwentyMilliseconds() {
        SendPolicy.Pace pace = sentOnce(4); // more than three changes went in one message: a loop

        assertThat(pace.delayNanos(START + ms(0.2))).isEqualTo(ms(20));
        assertThat(pace.delayNanos(START + ms(19))).isEqualTo(ms(20));
    }

    @Test
    void aLoopThatPausedForTwentyMillisecondsIsQuietAgain() {
        SendPolicy.Pace pace = sentOnce(500);

        assertThat(pace.delayNanos(START + ms(20))).isEqualTo(ms(1));
        assertThat(pace.delayNanos(START + ms(60))).isEqualTo(ms(1));
    }

    @Test
    void aLoopThatEndedIsQuietFromItsNextSmallMessage() {
        SendPolicy.Pace pace = sentOnce(50);
        pace.changed(); // the loop's last value
        pace.sent(START + ms(20));
        pace.changed(); // an observer's change a little later

        assertThat(pace.delayNanos(START + ms(22))).isEqualTo(ms(3)); // the 5 ms gap, not the 20 ms window
    }

    @Test
    void onlyChangesSinceTheLastSendCount() {
        SendPolicy.Pace pace = new SendPolicy.Pace(START);
        pace.changed();
        pace.changed();
        pace.sent(START);
        pace.changed();
        pace.changed();
        pace.sent(START + ms(10)); // two and two: never more than three in one message

        assertThat(pace.delayNanos(START + ms(12))).isEqualTo(ms(3));
    }

    @Test
    void aThrottledViewRedrawsAtMostEveryHundredMillisecondsWhileDrawingIsCheap() {
        long interval = SendPolicy.redrawInterval(ms(100), ms(0.05)); // 50 µs a drawing

        assertThat(interval).isEqualTo(ms(100));
        assertThat(SendPolicy.redrawDue(START + ms(99), START, interval)).isFalse();
        assertThat(SendPolicy.redrawDue(START + ms(100), START, interval)).isTrue();
        assertThat(TrainingMonitor.REDRAW_MS).isEqualTo(100);
        assertThat(TrainingProgress.REDRAW_MS).isEqualTo(100);
    }

    @Test
    void aSlowDrawingStretchesTheIntervalToTwoHundredTimesItsCostUpToASecond() {
        assertThat(SendPolicy.redrawInterval(ms(100), ms(2))).isEqualTo(ms(400));
        assertThat(SendPolicy.redrawInterval(ms(100), ms(30))).isEqualTo(ms(1_000));
    }

    @Test
    void aRedrawNoStepRunsGoesHalfAnIntervalAfterItFellDue() {
        assertThat(SendPolicy.lateRedrawDelay(START + ms(40), START, ms(100))).isEqualTo(ms(110));
        assertThat(SendPolicy.lateRedrawDelay(START + ms(400), START, ms(100))).isZero();
    }

    @Test
    void aThrottledViewThatHasNeverDrawnIsDue() {
        assertThat(SendPolicy.redrawDue(START, START - SendPolicy.LONG_AGO, ms(1_000)))
                .isTrue();
    }
}
