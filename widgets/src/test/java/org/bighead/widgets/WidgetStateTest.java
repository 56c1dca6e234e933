package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every widget's state is exactly what ipywidgets 8.1.9 sends: the same keys, defaults, JSON types (100 vs 100.0),
 * model and view names, modules and versions. The expected JSON is Python's {@code w.get_state()}, captured once
 * with the project's .venv (references to the widget's layout, style and children renamed "layout", "style",
 * "child0"..., binary values shown as "<bytes>").
 */
class WidgetStateTest {
    @BeforeEach
    void connect() {
        FakeFrontend.connect();
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
    }

    static Stream<Arguments> widgets() {
        return Stream.of(
                Arguments.of("Layout", (Supplier<Widget>) () -> new Layout(), """
                        {"_model_module": "@jupyter-widgets/base", "_model_module_version": "2.0.0",
                        "_model_name": "LayoutModel", "_view_count": null, "_view_module": "@jupyter-widgets/base",
                        "_view_module_version": "2.0.0", "_view_name": "LayoutView", "align_content": null,
                        "align_items": null, "align_self": null, "border_bottom": null, "border_left": null,
                        "border_right": null, "border_top": null, "bottom": null, "display": null, "flex": null,
                        "flex_flow": null, "grid_area": null, "grid_auto_columns": null, "grid_auto_flow": null,
                        "grid_auto_rows": null, "grid_column": null, "grid_gap": null, "grid_row": null,
                        "grid_template_areas": null, "grid_template_columns": null, "grid_template_rows": null,
                        "height": null, "justify_content": null, "justify_items": null, "left": null,
                        "margin": null, "max_height": null, "max_width": null, "min_height": null,
                        "min_width": null, "object_fit": null, "object_position": null, "order": null,
                        "overflow": null, "padding": null, "right": null, "top": null, "visibility": null,
                        "width": null}"""),
                Arguments.of("DescriptionStyle", (Supplier<Widget>) () -> new DescriptionStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "DescriptionStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "description_width": ""}"""),
                Arguments.of("ButtonStyle", (Supplier<Widget>) () -> new ButtonStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "ButtonStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "button_color": null, "font_family": null, "font_size": null,
                        "font_style": null, "font_variant": null, "font_weight": null, "text_color": null,
                        "text_decoration": null}"""),
                Arguments.of("SliderStyle", (Supplier<Widget>) () -> new SliderStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "SliderStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "description_width": "", "handle_color": null}"""),
                Arguments.of("ProgressStyle", (Supplier<Widget>) () -> new ProgressStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "ProgressStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "bar_color": null, "description_width": ""}"""),
                Arguments.of("CheckboxStyle", (Supplier<Widget>) () -> new CheckboxStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "CheckboxStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "background": null, "description_width": ""}"""),
                Arguments.of("ToggleButtonsStyle", (Supplier<Widget>) () -> new ToggleButtonsStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "ToggleButtonsStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "button_width": "", "description_width": "", "font_weight": ""}"""),
                Arguments.of("TextStyle", (Supplier<Widget>) () -> new TextStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "TextStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "background": null, "description_width": "", "font_size": null,
                        "text_color": null}"""),
                Arguments.of("HTMLStyle", (Supplier<Widget>) () -> new HTMLStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "HTMLStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "background": null, "description_width": "", "font_size": null,
                        "text_color": null}"""),
                Arguments.of("LabelStyle", (Supplier<Widget>) () -> new LabelStyle(), """
                        {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                        "_model_name": "LabelStyleModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
                        "_view_name": "StyleView", "background": null, "description_width": "",
                        "font_family": null, "font_size": null, "font_style": null, "font_variant": null,
                        "font_weight": null, "text_color": null, "text_decoration": null}"""),
                Arguments.of("Label", (Supplier<Widget>) () -> new Label(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "LabelModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "LabelView", "description": "", "description_allow_html": false,
                        "layout": "IPY_MODEL_layout", "placeholder": "\\u200b", "style": "IPY_MODEL_style",
                        "tabbable": null, "tooltip": null, "value": ""}"""),
                Arguments.of("HTML", (Supplier<Widget>) () -> new HTML(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "HTMLModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "HTMLView", "description": "", "description_allow_html": false,
                        "layout": "IPY_MODEL_layout", "placeholder": "\\u200b", "style": "IPY_MODEL_style",
                        "tabbable": null, "tooltip": null, "value": ""}"""),
                Arguments.of("Text", (Supplier<Widget>) () -> new Text(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "TextModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "TextView", "continuous_update": true, "description": "",
                        "description_allow_html": false, "disabled": false, "layout": "IPY_MODEL_layout",
                        "placeholder": "\\u200b", "style": "IPY_MODEL_style", "tabbable": null, "tooltip": null,
                        "value": ""}"""),
                Arguments.of("Textarea", (Supplier<Widget>) () -> new Textarea(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "TextareaModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "TextareaView", "continuous_update": true, "description": "",
                        "description_allow_html": false, "disabled": false, "layout": "IPY_MODEL_layout",
                        "placeholder": "\\u200b", "rows": null, "style": "IPY_MODEL_style", "tabbable": null,
                        "tooltip": null, "value": ""}"""),
                Arguments.of("Button", (Supplier<Widget>) () -> new Button(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "ButtonModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "ButtonView", "button_style": "", "description": "", "disabled": false,
                        "icon": "", "layout": "IPY_MODEL_layout", "style": "IPY_MODEL_style", "tabbable": null,
                        "tooltip": null}"""),
                Arguments.of("Checkbox", (Supplier<Widget>) () -> new Checkbox(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "CheckboxModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "CheckboxView", "description": "", "description_allow_html": false,
                        "disabled": false, "indent": true, "layout": "IPY_MODEL_layout",
                        "style": "IPY_MODEL_style", "tabbable": null, "tooltip": null, "value": false}"""),
                Arguments.of("Dropdown", (Supplier<Widget>) () -> Dropdown.of("a", "b", "c"), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "DropdownModel", "_options_labels": ["a",
                        "b", "c"], "_view_count": null, "_view_module": "@jupyter-widgets/controls",
                        "_view_module_version": "2.0.0", "_view_name": "DropdownView", "description": "",
                        "description_allow_html": false, "disabled": false, "index": 0,
                        "layout": "IPY_MODEL_layout", "style": "IPY_MODEL_style", "tabbable": null,
                        "tooltip": null}"""),
                Arguments.of("Select", (Supplier<Widget>) () -> Select.of("a", "b", "c"), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "SelectModel", "_options_labels": ["a",
                        "b", "c"], "_view_count": null, "_view_module": "@jupyter-widgets/controls",
                        "_view_module_version": "2.0.0", "_view_name": "SelectView", "description": "",
                        "description_allow_html": false, "disabled": false, "index": 0,
                        "layout": "IPY_MODEL_layout", "rows": 5, "style": "IPY_MODEL_style", "tabbable": null,
                        "tooltip": null}"""),
                Arguments.of("ToggleButtons", (Supplier<Widget>) () -> ToggleButtons.of("a", "b", "c"), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "ToggleButtonsModel",
                        "_options_labels": ["a", "b", "c"], "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "ToggleButtonsView", "button_style": "", "description": "",
                        "description_allow_html": false, "disabled": false, "icons": [], "index": 0,
                        "layout": "IPY_MODEL_layout", "style": "IPY_MODEL_style", "tabbable": null,
                        "tooltip": null, "tooltips": []}"""),
                Arguments.of("IntSlider", (Supplier<Widget>) () -> new IntSlider(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "IntSliderModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "IntSliderView", "behavior": "drag-tap", "continuous_update": true,
                        "description": "", "description_allow_html": false, "disabled": false,
                        "layout": "IPY_MODEL_layout", "max": 100, "min": 0, "orientation": "horizontal",
                        "readout": true, "readout_format": "d", "step": 1, "style": "IPY_MODEL_style",
                        "tabbable": null, "tooltip": null, "value": 0}"""),
                Arguments.of("FloatSlider", (Supplier<Widget>) () -> new FloatSlider(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "FloatSliderModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "FloatSliderView", "behavior": "drag-tap", "continuous_update": true,
                        "description": "", "description_allow_html": false, "disabled": false,
                        "layout": "IPY_MODEL_layout", "max": 100.0, "min": 0.0, "orientation": "horizontal",
                        "readout": true, "readout_format": ".2f", "step": 0.1, "style": "IPY_MODEL_style",
                        "tabbable": null, "tooltip": null, "value": 0.0}"""),
                Arguments.of("IntProgress", (Supplier<Widget>) () -> new IntProgress(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "IntProgressModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "ProgressView", "bar_style": "", "description": "",
                        "description_allow_html": false, "layout": "IPY_MODEL_layout", "max": 100, "min": 0,
                        "orientation": "horizontal", "style": "IPY_MODEL_style", "tabbable": null, "tooltip": null,
                        "value": 0}"""),
                Arguments.of("FloatProgress", (Supplier<Widget>) () -> new FloatProgress(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "FloatProgressModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "ProgressView", "bar_style": "", "description": "",
                        "description_allow_html": false, "layout": "IPY_MODEL_layout", "max": 100.0, "min": 0.0,
                        "orientation": "horizontal", "style": "IPY_MODEL_style", "tabbable": null, "tooltip": null,
                        "value": 0.0}"""),
                Arguments.of("Image", (Supplier<Widget>) () -> new Image(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "ImageModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "ImageView", "format": "png", "height": "", "layout": "IPY_MODEL_layout",
                        "tabbable": null, "tooltip": null, "value": "<bytes>", "width": ""}"""),
                Arguments.of("VBox", (Supplier<Widget>) () -> new VBox(new Label("a")), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "VBoxModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "VBoxView", "box_style": "", "children": ["IPY_MODEL_child0"],
                        "layout": "IPY_MODEL_layout", "tabbable": null, "tooltip": null}"""),
                Arguments.of("HBox", (Supplier<Widget>) () -> new HBox(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "HBoxModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "HBoxView", "box_style": "", "children": [], "layout": "IPY_MODEL_layout",
                        "tabbable": null, "tooltip": null}"""),
                Arguments.of("Tab", (Supplier<Widget>) () -> new Tab(new Label("a"), new Label("b")).titles("A"), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "TabModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "TabView", "box_style": "", "children": ["IPY_MODEL_child0",
                        "IPY_MODEL_child1"], "layout": "IPY_MODEL_layout", "selected_index": 0, "tabbable": null,
                        "titles": ["A", ""], "tooltip": null}"""),
                Arguments.of("Accordion", (Supplier<Widget>) () -> new Accordion(new Label("a")), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/controls",
                        "_model_module_version": "2.0.0", "_model_name": "AccordionModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
                        "_view_name": "AccordionView", "box_style": "", "children": ["IPY_MODEL_child0"],
                        "layout": "IPY_MODEL_layout", "selected_index": null, "tabbable": null, "titles": [""],
                        "tooltip": null}"""),
                Arguments.of("Output", (Supplier<Widget>) () -> new Output(), """
                        {"_dom_classes": [], "_model_module": "@jupyter-widgets/output",
                        "_model_module_version": "1.0.0", "_model_name": "OutputModel", "_view_count": null,
                        "_view_module": "@jupyter-widgets/output", "_view_module_version": "1.0.0",
                        "_view_name": "OutputView", "layout": "IPY_MODEL_layout", "msg_id": "", "outputs": [],
                        "tabbable": null, "tooltip": null}"""));
    }

    @ParameterizedTest(name = "{0} has the state ipywidgets sends")
    @MethodSource("widgets")
    void theStateIsWhatIpywidgetsSends(String name, Supplier<Widget> make, String python) {
        Widget widget = make.get();
        assertThat(normalized(widget)).isEqualTo(FakeFrontend.json(python));
        assertThat(widget.getClass().getSimpleName()).isEqualTo(name);
    }

    /** The state with references to the widget's own layout, style and children renamed as in the Python capture. */
    static JsonNode normalized(Widget widget) {
        ObjectNode state = widget.state();
        Map<String, String> names = new HashMap<>();
        if (widget instanceof DOMWidget<?> dom) {
            names.put("IPY_MODEL_" + dom.layout().modelId(), "IPY_MODEL_layout");
        }
        if (state.has("style")) {
            names.put(state.get("style").asText(), "IPY_MODEL_style");
        }
        if (widget instanceof Box<?> box) {
            List<Widget> children = box.children();
            for (int i = 0; i < children.size(); i++) {
                names.put("IPY_MODEL_" + children.get(i).modelId(), "IPY_MODEL_child" + i);
            }
        }
        state.properties().forEach(e -> e.setValue(rename(e.getValue(), names)));
        return state;
    }

    private static JsonNode rename(JsonNode value, Map<String, String> names) {
        if (value instanceof BinaryNode) {
            return TextNode.valueOf("<bytes>");
        }
        if (value.isTextual() && names.containsKey(value.asText())) {
            return TextNode.valueOf(names.get(value.asText()));
        }
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rename(array.get(i), names));
            }
        }
        return value;
    }
}
