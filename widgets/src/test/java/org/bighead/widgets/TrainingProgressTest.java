package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The training listener widget: progress as steps come, and a Stop click that ends training. */
class TrainingProgressTest {
    private FakeFrontend browser;

    @BeforeEach
    void connect() {
        browser = FakeFrontend.connect();
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
    }

    private static String buttonId(TrainingProgress progress) {
        return progress.view().children().get(2).modelId();
    }

    @Test
    void eachStepMovesTheBarAndShowsTheMetrics() {
        TrainingProgress progress = new TrainingProgress();

        assertThat(progress.onStep(3, 10, Map.of("train-rmse", 0.123456))).isTrue();

        IntProgress bar = (IntProgress) progress.view().children().get(0);
        Label status = (Label) progress.view().children().get(1);
        assertThat(bar.value()).isEqualTo(3);
        assertThat(bar.max()).isEqualTo(10);
        assertThat(status.value()).isEqualTo("3/10  train-rmse 0.1235");
    }

    @Test
    void aStopClickFromTheBrowserEndsTrainingAtTheNextStep() {
        TrainingProgress progress = new TrainingProgress();
        progress.mimeBundle(); // displayed: the comms are open
        assertThat(progress.onStep(1, 100, Map.of())).isTrue();

        browser.fromBrowser(buttonId(progress), """
                {"method": "custom", "content": {"event": "click"}}""");

        assertThat(progress.stopRequested()).isTrue();
        assertThat(progress.onStep(2, 100, Map.of())).isFalse();
        assertThat(((IntProgress) progress.view().children().get(0)).barStyle()).isEqualTo("warning");
    }

    @Test
    void aFinishedRunTurnsTheBarGreen() {
        TrainingProgress progress = new TrainingProgress();

        progress.onStep(5, 5, Map.of());

        assertThat(((IntProgress) progress.view().children().get(0)).barStyle()).isEqualTo("success");
    }

    @Test
    void aFastLoopIsShownAFewTimesNotOncePerStepAndItsEndAlways() throws InterruptedException {
        TrainingProgress progress = new TrainingProgress();
        progress.mimeBundle(); // displayed: the comms are open
        Label status = (Label) progress.view().children().get(1);
        browser.forget();

        for (int step = 1; step <= 1000; step++) {
            progress.onStep(step, 1000, Map.of("train-rmse", 1.0 / step));
        }

        assertThat(status.value()).isEqualTo("1000/1000  train-rmse 0.001000");
        browser.await(
                status.modelId(),
                m -> m.data().path("state").path("value").asText().startsWith("1000/1000"));
        assertThat(browser.messages(status.modelId(), "update").size()).isLessThan(100);
    }
}
