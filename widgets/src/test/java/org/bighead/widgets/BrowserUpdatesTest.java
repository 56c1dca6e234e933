package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What happens when the browser changes a widget: echo_update as ipywidgets 8 does it, observers, validation. */
class BrowserUpdatesTest {
    private FakeFrontend browser;
    private final ByteArrayOutputStream reported = new ByteArrayOutputStream();

    @BeforeEach
    void connect() {
        browser = FakeFrontend.connect();
        Widgets.reportTo(new PrintStream(reported, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
        Widgets.reportTo(null);
    }

    @Test
    void observersOfTheValueHearTheUsersChoiceOnce() {
        Dropdown dropdown = Dropdown.of("a", "b", "c");
        List<Change> heard = new ArrayList<>();
        dropdown.observe("value", heard::add);
        dropdown.open();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"index": 2}, "buffer_paths": []}""");

        assertThat(heard).containsExactly(new Change(dropdown, "value", "a", "c"));
    }

    @Test
    void theEchoIsSentBeforeTheBrowsersCallReturnsSoItsParentIsTheBrowsersMessage() {
        IntSlider slider = new IntSlider();
        slider.open();
        browser.forget();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"value": 42}, "buffer_paths": []}""");

        assertThat(browser.messages("m3", "echo_update")).hasSize(1);
        assertThat(browser.messages("m3", "echo_update").get(0).data().get("state"))
                .isEqualTo(FakeFrontend.json("{\"value\": 42}"));
    }

    @Test
    void onlySyncedKeysAreEchoedAndUnknownOnesAreIgnored() {
        IntSlider slider = new IntSlider();
        slider.open();
        browser.forget();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"value": 3, "no_such_key": 1}, "buffer_paths": []}""");

        assertThat(browser.messages("m3", "echo_update").get(0).data().get("state"))
                .isEqualTo(FakeFrontend.json("{\"value\": 3}"));
        assertThat(slider.value()).isEqualTo(3);
    }

    @Test
    void aValueTheBrowserAlreadyHasIsNotSentBack() {
        IntSlider slider = new IntSlider();
        slider.open();
        slider.value(5); // pending, not yet sent
        browser.forget();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"value": 3}, "buffer_paths": []}""");
        slider.flush();

        assertThat(browser.messages("m3", "update")).isEmpty();
        assertThat(slider.value()).isEqualTo(3);
    }

    @Test
    void aWholeNumberFromTheBrowserIsAcceptedForAFloatWithoutBeingSentBack() {
        FloatSlider slider = new FloatSlider();
        slider.open();
        browser.forget();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"value": 5}, "buffer_paths": []}""");
        slider.flush();

        assertThat(slider.value()).isEqualTo(5.0);
        assertThat(browser.messages("m3", "update")).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedReportedAndCorrectedInTheBrowser() {
        IntSlider slider = new IntSlider().value(4);
        slider.open();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"value": "four"}, "buffer_paths": []}""");

        slider.flush();

        assertThat(slider.value()).isEqualTo(4);
        assertThat(reported.toString(StandardCharsets.UTF_8)).contains("IntSlider.value cannot be \"four\"");
        assertThat(browser.messages("m3", "update"))
                .last()
                .satisfies(m -> assertThat(m.data().get("state")).isEqualTo(FakeFrontend.json("{\"value\": 4}")));
    }

    @Test
    void theBrowserCannotRenameTheModel() {
        IntSlider slider = new IntSlider();
        slider.open();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"_model_name": "Evil"}, "buffer_paths": []}""");

        assertThat(slider.modelName()).isEqualTo("IntSliderModel");
    }

    @Test
    void imageBytesFromTheBrowserArePutBackAtTheirPath() {
        Image image = new Image();
        image.open();

        browser.fromBrowser("m2", """
                {"method": "update", "state": {}, "buffer_paths": [["value"]]}""", new byte[] {1, 2, 3});

        assertThat(image.value()).containsExactly(1, 2, 3);
        assertThat(browser.messages("m2", "echo_update").get(0).buffers().get(0))
                .containsExactly(1, 2, 3);
    }

    @Test
    void aClosedCommFromTheBrowserClosesTheWidget() {
        Label label = new Label("x");
        label.open();

        browser.closeFromBrowser("m3");

        assertThat(label.isOpen()).isFalse();
        assertThat(Widgets.find("m3")).isEmpty();
    }
}
