package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Any thread may change a widget; changes are gathered and the browser gets the latest, soon. */
class ConcurrencyTest {
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

    @Test
    void manyThreadsAddingToAProgressBarEndWithTheExactTotal() throws Exception {
        int threads = 8;
        int steps = 20_000;
        IntProgress progress = new IntProgress(0, 0, threads * steps);
        progress.open();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < steps; i++) progress.add(1);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) worker.join(30_000);

        assertThat(failures).isEmpty();
        assertThat(progress.value()).isEqualTo(threads * steps);
        browser.await(
                "m3",
                m -> "update".equals(m.method())
                        && m.data().path("state").path("value").asInt() == threads * steps);
    }

    @Test
    void tenThousandUpdatesInATightLoopAreGatheredAndTheLastValueWins() throws Exception {
        IntProgress progress = new IntProgress(0, 0, 10_000);
        progress.open();
        browser.forget();

        for (int i = 1; i <= 10_000; i++) {
            progress.value(i);
        }

        browser.await("m3", m -> m.data().path("state").path("value").asInt() == 10_000);
        Thread.sleep(3 * SendPolicy.GATHER_MS); // anything still scheduled would arrive now
        List<FakeFrontend.Sent> updates = browser.messages("m3", "update");
        assertThat(updates.size()).isBetween(1, 100);
        assertThat(updates.get(updates.size() - 1)
                        .data()
                        .path("state")
                        .path("value")
                        .asInt())
                .isEqualTo(10_000);
    }

    @Test
    void aChangeReachesTheBrowserWithinTheGatheringDelayWithoutAnyFlush() throws Exception {
        Label label = new Label("before");
        label.open();

        label.value("after");

        browser.await(
                "m3", m -> "after".equals(m.data().path("state").path("value").asText()));
    }

    @Test
    void aMillionUpdatesFromALoopLeaveAsAHandfulOfMessages() throws Exception {
        IntProgress progress = new IntProgress(0, 0, Integer.MAX_VALUE);
        progress.open();
        browser.forget();
        int n = 1_000_000;

        for (int i = 1; i <= n; i++) progress.value(i);

        // what an update costs the loop is measured by `./bighead bench widgets`; here: the loop only records
        // changes, and at most one message per gathering window leaves (fewer than one per 1,000 sets unless the
        // loop took over 20 s)
        browser.await("m3", m -> m.data().path("state").path("value").asInt() == n);
        assertThat(browser.messages("m3", "update").size()).isBetween(1, n / 1_000);
    }

    @Test
    void theBrowserAndAJavaThreadChangingAtOnceLeaveBothSidesAgreeing() throws Exception {
        IntSlider slider = new IntSlider(0, 0, 1000);
        slider.open();
        Thread java = new Thread(() -> {
            for (int i = 0; i < 50_000; i++) slider.value(i % 1000);
        });
        java.start();
        for (int i = 0; i < 2_000; i++) {
            browser.fromBrowser(
                    "m3", "{\"method\": \"update\", \"state\": {\"value\": " + (i % 1000) + "}, \"buffer_paths\": []}");
        }
        java.join(30_000);
        slider.flush();

        // what the browser ends with: the last update or echo_update it got
        List<FakeFrontend.Sent> sent = browser.sentOn("m3");
        int last = sent.get(sent.size() - 1).data().path("state").path("value").asInt();
        assertThat(last).isEqualTo(slider.value());
    }
}
