package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The messages on the wire are the ones ipywidgets 8.1.9 sends in the same situation. Each expected list is what a
 * recording comm captured from the Python widgets (comm ids m1, m2... counted from a fresh start, as the fake
 * frontend counts); buffers are shown as Latin-1 text.
 */
class ProtocolMessagesTest {
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
    void aButtonOpensItsLayoutItsStyleThenItselfWithProtocolVersion210() {
        new Button("Go").open();

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m1", "data": {"buffer_paths": [],
                "state": {"_model_module": "@jupyter-widgets/base", "_model_module_version": "2.0.0",
                "_model_name": "LayoutModel", "_view_count": null, "_view_module": "@jupyter-widgets/base",
                "_view_module_version": "2.0.0", "_view_name": "LayoutView", "align_content": null,
                "align_items": null, "align_self": null, "border_bottom": null, "border_left": null,
                "border_right": null, "border_top": null, "bottom": null, "display": null, "flex": null,
                "flex_flow": null, "grid_area": null, "grid_auto_columns": null, "grid_auto_flow": null,
                "grid_auto_rows": null, "grid_column": null, "grid_gap": null, "grid_row": null,
                "grid_template_areas": null, "grid_template_columns": null, "grid_template_rows": null,
                "height": null, "justify_content": null, "justify_items": null, "left": null, "margin": null,
                "max_height": null, "max_width": null, "min_height": null, "min_width": null, "object_fit": null,
                "object_position": null, "order": null, "overflow": null, "padding": null, "right": null,
                "top": null, "visibility": null, "width": null}}, "metadata": {"version": "2.1.0"},
                "target_name": "jupyter.widget", "type": "comm_open"},
                {"buffers": [], "comm_id": "m2", "data": {"buffer_paths": [],
                "state": {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                "_model_name": "ButtonStyleModel", "_view_count": null, "_view_module": "@jupyter-widgets/base",
                "_view_module_version": "2.0.0", "_view_name": "StyleView", "button_color": null,
                "font_family": null, "font_size": null, "font_style": null, "font_variant": null,
                "font_weight": null, "text_color": null, "text_decoration": null}},
                "metadata": {"version": "2.1.0"}, "target_name": "jupyter.widget", "type": "comm_open"},
                {"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "state": {"_dom_classes": [],
                "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                "_model_name": "ButtonModel", "_view_count": null, "_view_module": "@jupyter-widgets/controls",
                "_view_module_version": "2.0.0", "_view_name": "ButtonView", "button_style": "",
                "description": "Go", "disabled": false, "icon": "", "layout": "IPY_MODEL_m1",
                "style": "IPY_MODEL_m2", "tabbable": null, "tooltip": null}}, "metadata": {"version": "2.1.0"},
                "target_name": "jupyter.widget", "type": "comm_open"}]"""));
    }

    @Test
    void aClickFromTheBrowserRunsTheClickHandlersAndSendsNothing() {
        AtomicInteger clicks = new AtomicInteger();
        Button button = new Button("Go").onClick(b -> clicks.incrementAndGet());
        button.open();
        browser.forget();

        browser.fromBrowser("m3", """
                {"method": "custom", "content": {"event": "click"}}""");

        assertThat(clicks).hasValue(1);
        assertThat(browser.sent()).isEmpty();
    }

    @Test
    void closingSendsACommCloseWithEmptyData() {
        Button button = new Button("Go");
        button.open();
        browser.forget();

        button.close();

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m3", "data": {}, "metadata": null, "type": "comm_close"}]"""));
        assertThat(button.isOpen()).isFalse();
        assertThat(Widgets.find("m3")).isEmpty();
    }

    @Test
    void aDropdownSyncsItsLabelsAndIndexNotItsValues() {
        Dropdown.of("a", "b", "c").open();

        assertThat(wire(browser.sentOn("m3"))).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "state": {"_dom_classes": [],
                "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                "_model_name": "DropdownModel", "_options_labels": ["a", "b", "c"], "_view_count": null,
                "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                "_view_name": "DropdownView", "description": "", "description_allow_html": false,
                "disabled": false, "index": 0, "layout": "IPY_MODEL_m1", "style": "IPY_MODEL_m2",
                "tabbable": null, "tooltip": null}}, "metadata": {"version": "2.1.0"},
                "target_name": "jupyter.widget", "type": "comm_open"}]"""));
    }

    @Test
    void theBrowsersIndexIsEchoedBackAndNothingElse() {
        Dropdown dropdown = Dropdown.of("a", "b", "c");
        dropdown.open();
        browser.forget();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"index": 2}, "buffer_paths": []}""");
        dropdown.flush();

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "method": "echo_update",
                "state": {"index": 2}}, "metadata": null, "type": "comm_msg"}]"""));
        assertThat(dropdown.value()).isEqualTo("c");
        assertThat(dropdown.label()).isEqualTo("c");
    }

    @Test
    void aValueChosenInJavaSendsOnlyTheIndex() {
        Dropdown dropdown = Dropdown.of("a", "b", "c").index(2);
        dropdown.open();
        browser.forget();

        dropdown.value("a");
        dropdown.flush();

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "method": "update",
                "state": {"index": 0}}, "metadata": null, "type": "comm_msg"}]"""));
    }

    @Test
    void requestStateIsAnsweredAtOnceWithTheFullState() {
        Dropdown dropdown = Dropdown.of("a", "b", "c");
        dropdown.open();
        browser.forget();

        browser.fromBrowser("m3", """
                {"method": "request_state"}""");

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "method": "update",
                "state": {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                "_model_module_version": "2.0.0", "_model_name": "DropdownModel", "_options_labels": ["a", "b",
                "c"], "_view_count": null, "_view_module": "@jupyter-widgets/controls",
                "_view_module_version": "2.0.0", "_view_name": "DropdownView", "description": "",
                "description_allow_html": false, "disabled": false, "index": 0, "layout": "IPY_MODEL_m1",
                "style": "IPY_MODEL_m2", "tabbable": null, "tooltip": null}}, "metadata": null,
                "type": "comm_msg"}]"""));
    }

    @Test
    void aChangeInJavaIsSentAsAnUpdate() {
        IntSlider slider = new IntSlider();
        slider.open();
        browser.forget();

        slider.value(7);
        slider.flush();

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "method": "update",
                "state": {"value": 7}}, "metadata": null, "type": "comm_msg"}]"""));
    }

    @Test
    void aBrowserValueOutOfRangeIsEchoedThenCorrected() {
        IntSlider slider = new IntSlider();
        slider.open();
        browser.forget();

        browser.fromBrowser("m3", """
                {"method": "update", "state": {"value": 500}, "buffer_paths": []}""");
        slider.flush();

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "method": "echo_update",
                "state": {"value": 500}}, "metadata": null, "type": "comm_msg"},
                {"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "method": "update",
                "state": {"value": 100}}, "metadata": null, "type": "comm_msg"}]"""));
        assertThat(slider.value()).isEqualTo(100);
    }

    @Test
    void aProgressBarOpensWithItsValueAndMaximum() {
        new IntProgress(5, 0, 10).open();

        assertThat(wire(browser.sentOn("m3"))).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m3", "data": {"buffer_paths": [], "state": {"_dom_classes": [],
                "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                "_model_name": "IntProgressModel", "_view_count": null,
                "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                "_view_name": "ProgressView", "bar_style": "", "description": "",
                "description_allow_html": false, "layout": "IPY_MODEL_m1", "max": 10, "min": 0,
                "orientation": "horizontal", "style": "IPY_MODEL_m2", "tabbable": null, "tooltip": null,
                "value": 5}}, "metadata": {"version": "2.1.0"}, "target_name": "jupyter.widget",
                "type": "comm_open"}]"""));
    }

    @Test
    void imageBytesTravelAsABinaryBufferWithItsPath() {
        Image image = Image.of("\u0089PNG".getBytes(StandardCharsets.ISO_8859_1), "png")
                .width("20");
        image.open();

        assertThat(wire(browser.sentOn("m2"))).isEqualTo(FakeFrontend.json("""
                [{"buffers": ["\u0089PNG"], "comm_id": "m2", "data": {"buffer_paths": [["value"]],
                "state": {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                "_model_module_version": "2.0.0", "_model_name": "ImageModel", "_view_count": null,
                "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                "_view_name": "ImageView", "format": "png", "height": "", "layout": "IPY_MODEL_m1",
                "tabbable": null, "tooltip": null, "width": "20"}}, "metadata": {"version": "2.1.0"},
                "target_name": "jupyter.widget", "type": "comm_open"}]"""));

        browser.forget();
        image.value("GIF8".getBytes(StandardCharsets.ISO_8859_1));
        image.flush();

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": ["GIF8"], "comm_id": "m2", "data": {"buffer_paths": [["value"]], "method": "update",
                "state": {}}, "metadata": null, "type": "comm_msg"}]"""));
    }

    @Test
    void appendingStdoutToAnOutputUpdatesItsOutputs() {
        Output output = new Output();
        output.open();
        browser.forget();

        output.appendStdout("hi\n");
        output.flush();

        assertThat(wire(browser.sent())).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m2", "data": {"buffer_paths": [], "method": "update",
                "state": {"outputs": [{"name": "stdout", "output_type": "stream", "text": "hi\\n"}]}},
                "metadata": null, "type": "comm_msg"}]"""));
    }

    @Test
    void aBrowserLinkIsALinkModelReferringToBothWidgets() {
        IntSlider a = new IntSlider();
        IntSlider b = new IntSlider();

        Widgets.jslink(a, "value", b, "value");

        assertThat(wire(browser.sentOn("m7"))).isEqualTo(FakeFrontend.json("""
                [{"buffers": [], "comm_id": "m7", "data": {"buffer_paths": [],
                "state": {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                "_model_name": "LinkModel", "_view_count": null, "_view_module": "@jupyter-widgets/controls",
                "_view_module_version": "2.0.0", "_view_name": null, "source": ["IPY_MODEL_m3", "value"],
                "target": ["IPY_MODEL_m6", "value"]}}, "metadata": {"version": "2.1.0"},
                "target_name": "jupyter.widget", "type": "comm_open"}]"""));
    }

    @Test
    void theControlCommAnswersRequestStatesWithEveryWidgetAndItsBuffers() {
        String control = browser.openFromBrowser(Widgets.CONTROL_TARGET);
        Image.of("AB".getBytes(StandardCharsets.ISO_8859_1), "png").open();
        browser.forget();

        browser.fromBrowser(control, """
                {"method": "request_states"}""");

        JsonNode expected = FakeFrontend.json("""
                [{"buffers": ["AB"], "comm_id": "ctl", "data": {"buffer_paths": [["m3", "state", "value"]],
                "method": "update_states", "states": {"m2": {"model_module": "@jupyter-widgets/base",
                "model_module_version": "2.0.0", "model_name": "LayoutModel",
                "state": {"_model_module": "@jupyter-widgets/base", "_model_module_version": "2.0.0",
                "_model_name": "LayoutModel", "_view_count": null, "_view_module": "@jupyter-widgets/base",
                "_view_module_version": "2.0.0", "_view_name": "LayoutView", "align_content": null,
                "align_items": null, "align_self": null, "border_bottom": null, "border_left": null,
                "border_right": null, "border_top": null, "bottom": null, "display": null, "flex": null,
                "flex_flow": null, "grid_area": null, "grid_auto_columns": null, "grid_auto_flow": null,
                "grid_auto_rows": null, "grid_column": null, "grid_gap": null, "grid_row": null,
                "grid_template_areas": null, "grid_template_columns": null, "grid_template_rows": null,
                "height": null, "justify_content": null, "justify_items": null, "left": null, "margin": null,
                "max_height": null, "max_width": null, "min_height": null, "min_width": null, "object_fit": null,
                "object_position": null, "order": null, "overflow": null, "padding": null, "right": null,
                "top": null, "visibility": null, "width": null}},
                "m3": {"model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
                "model_name": "ImageModel", "state": {"_dom_classes": [],
                "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                "_model_name": "ImageModel", "_view_count": null, "_view_module": "@jupyter-widgets/controls",
                "_view_module_version": "2.0.0", "_view_name": "ImageView", "format": "png", "height": "",
                "layout": "IPY_MODEL_m2", "tabbable": null, "tooltip": null, "width": ""}}}}, "metadata": null,
                "type": "comm_msg"}]""");
        ((ObjectNode) expected.get(0)).put("comm_id", control);
        assertThat(wire(browser.sent())).isEqualTo(expected);
    }

    /** Messages in the shape of the Python captures. */
    static ArrayNode wire(List<FakeFrontend.Sent> messages) {
        ArrayNode list = FakeFrontend.JSON.createArrayNode();
        for (FakeFrontend.Sent m : messages) {
            ObjectNode message = list.addObject();
            message.put("type", m.type());
            message.put("comm_id", m.commId());
            if (m.target() != null) {
                message.put("target_name", m.target());
            }
            message.set("data", m.data());
            message.set("metadata", m.metadata());
            ArrayNode buffers = message.putArray("buffers");
            m.buffers().forEach(b -> buffers.add(new String(b, StandardCharsets.ISO_8859_1)));
        }
        return list;
    }
}
