package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Output widget captures like ipywidgets' (by msg_id) and holds outputs added in Java. */
class OutputTest {
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

    private List<String> msgIds() {
        List<String> ids = new ArrayList<>();
        for (FakeFrontend.Sent m : browser.messages("m2", "update")) {
            if (m.data().path("state").has("msg_id"))
                ids.add(m.data().path("state").path("msg_id").asText());
        }
        return ids;
    }

    @Test
    void captureSetsTheMsgIdToTheRunningRequestBeforeTheCodeRunsAndClearsItAfter() {
        Output output = new Output();
        browser.runningRequest("cell-7");
        List<String> duringCapture = new ArrayList<>();

        output.capture(() -> duringCapture.addAll(msgIds()));

        assertThat(duringCapture).containsExactly("cell-7");
        assertThat(msgIds()).containsExactly("cell-7", "");
        assertThat(output.msgId()).isEmpty();
    }

    @Test
    void nestedCapturesKeepTheMsgIdUntilTheOutermostEnds() {
        Output output = new Output();
        browser.runningRequest("cell-1");

        output.capture(() -> output.capture(() -> {}));

        assertThat(msgIds()).containsExactly("cell-1", "");
    }

    @Test
    void withoutARunningRequestTheCodeJustRuns() {
        Output output = new Output();
        boolean[] ran = {false};

        output.capture(() -> ran[0] = true);

        assertThat(ran[0]).isTrue();
        assertThat(browser.sent()).isEmpty();
    }

    @Test
    void displayedObjectsAreAppendedWithTheFrontendsRendering() {
        Output output = new Output();
        Label inner = new Label("inside");

        output.appendDisplay(inner);
        output.appendStderr("oops\n");

        assertThat(output.outputs().get(0).path("output_type").asText()).isEqualTo("display_data");
        assertThat(output.outputs()
                        .get(0)
                        .path("data")
                        .path(Widget.VIEW_MIME)
                        .path("model_id")
                        .asText())
                .isEqualTo(inner.modelId());
        assertThat(output.outputs().get(1)).isEqualTo(FakeFrontend.json("""
                {"output_type": "stream", "name": "stderr", "text": "oops\\n"}"""));
    }

    @Test
    void clearEmptiesTheWidgetEvenWhenTheKernelHasNoOutputsOfItsOwn() {
        Output output = new Output();
        output.open();
        browser.forget();

        output.clear();
        output.flush();

        assertThat(browser.messages("m2", "update")).hasSize(1);
        assertThat(browser.messages("m2", "update").get(0).data().path("state"))
                .isEqualTo(FakeFrontend.json("{\"outputs\": []}"));
    }
}
