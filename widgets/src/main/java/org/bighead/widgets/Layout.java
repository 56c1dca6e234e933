package org.bighead.widgets;

import java.util.List;
import java.util.Locale;

/**
 * The CSS layout of a widget (ipywidgets' {@code Layout}, model {@code LayoutModel} of {@code @jupyter-widgets/base}):
 * size, margins, border, flex and grid placement. Every property is null (unset) until given a CSS value:
 * {@code new Layout().width("300px").border("1px solid gray")}. One layout may be shared by several widgets.
 */
public final class Layout extends Widget {
    private static final List<String> CSS = List.of("inherit", "initial", "unset");
    private static final List<String> PROPERTIES = List.of(
            "align_content",
            "align_items",
            "align_self",
            "border_bottom",
            "border_left",
            "border_right",
            "border_top",
            "bottom",
            "display",
            "flex",
            "flex_flow",
            "grid_area",
            "grid_auto_columns",
            "grid_auto_flow",
            "grid_auto_rows",
            "grid_column",
            "grid_gap",
            "grid_row",
            "grid_template_areas",
            "grid_template_columns",
            "grid_template_rows",
            "height",
            "justify_content",
            "justify_items",
            "left",
            "margin",
            "max_height",
            "max_width",
            "min_height",
            "min_width",
            "object_fit",
            "object_position",
            "order",
            "overflow",
            "padding",
            "right",
            "top",
            "visibility",
            "width");

    /** An empty layout: every property unset. */
    public Layout() {
        super(BASE, BASE_VERSION, "LayoutModel", BASE, BASE_VERSION, "LayoutView");
        for (String property : PROPERTIES) {
            trait(property, Type.NULLABLE_STRING, null);
        }
        restrict(
                "align_content",
                "flex-start",
                "flex-end",
                "center",
                "space-between",
                "space-around",
                "space-evenly",
                "stretch");
        restrict("align_items", "flex-start", "flex-end", "center", "baseline", "stretch");
        restrict("align_self", "auto", "flex-start", "flex-end", "center", "baseline", "stretch");
        restrict("justify_content", "flex-start", "flex-end", "center", "space-between", "space-around");
        restrict("justify_items", "flex-start", "flex-end", "center");
        restrict("visibility", "visible", "hidden");
        restrict("grid_auto_flow", "column", "row", "row dense", "column dense");
        trait("object_fit").oneOf("contain", "cover", "fill", "scale-down", "none");
    }

    private void restrict(String property, String... values) {
        String[] allowed = new String[values.length + CSS.size()];
        System.arraycopy(values, 0, allowed, 0, values.length);
        for (int i = 0; i < CSS.size(); i++) allowed[values.length + i] = CSS.get(i);
        trait(property).oneOf(allowed);
    }

    private static String key(String property) {
        return property.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** The value of a CSS property ("max-width" or "max_width"), or null when unset. */
    public String css(String property) {
        return (String) get(key(property));
    }

    /** Sets a CSS property ("max-width" or "max_width"); null unsets it. */
    public Layout css(String property, String value) {
        set(key(property), value);
        return this;
    }

    /** The width, or null. */
    public String width() {
        return css("width");
    }

    /** Sets the width ("300px", "50%", "auto"). */
    public Layout width(String value) {
        return css("width", value);
    }

    /** The height, or null. */
    public String height() {
        return css("height");
    }

    /** Sets the height. */
    public Layout height(String value) {
        return css("height", value);
    }

    /** Sets the minimum width. */
    public Layout minWidth(String value) {
        return css("min_width", value);
    }

    /** Sets the maximum width. */
    public Layout maxWidth(String value) {
        return css("max_width", value);
    }

    /** Sets the minimum height. */
    public Layout minHeight(String value) {
        return css("min_height", value);
    }

    /** Sets the maximum height. */
    public Layout maxHeight(String value) {
        return css("max_height", value);
    }

    /** Sets the margin ("0 0 0 10px"). */
    public Layout margin(String value) {
        return css("margin", value);
    }

    /** Sets the padding. */
    public Layout padding(String value) {
        return css("padding", value);
    }

    /** Sets all four borders ("1px solid gray"), like ipywidgets' {@code border}. */
    public Layout border(String value) {
        update(tx -> {
            for (String side : List.of("border_top", "border_right", "border_bottom", "border_left")) {
                tx.set(trait(side), value);
            }
        });
        return this;
    }

    /** Sets the CSS display ("flex", "none", "grid"). */
    public Layout display(String value) {
        return css("display", value);
    }

    /** Sets the flex shorthand ("1 1 auto"). */
    public Layout flex(String value) {
        return css("flex", value);
    }

    /** Sets the flex-flow shorthand ("row wrap"). */
    public Layout flexFlow(String value) {
        return css("flex_flow", value);
    }

    /** Sets align-items. */
    public Layout alignItems(String value) {
        return css("align_items", value);
    }

    /** Sets justify-content. */
    public Layout justifyContent(String value) {
        return css("justify_content", value);
    }

    /** Sets overflow ("auto", "hidden", "scroll"). */
    public Layout overflow(String value) {
        return css("overflow", value);
    }

    /** Sets visibility ("visible" or "hidden"). */
    public Layout visibility(String value) {
        return css("visibility", value);
    }

    /** Sets grid-template-columns ("repeat(3, 1fr)"). */
    public Layout gridTemplateColumns(String value) {
        return css("grid_template_columns", value);
    }

    /** Sets grid-template-rows. */
    public Layout gridTemplateRows(String value) {
        return css("grid_template_rows", value);
    }

    /** Sets grid-gap. */
    public Layout gridGap(String value) {
        return css("grid_gap", value);
    }

    /** Sets grid-area. */
    public Layout gridArea(String value) {
        return css("grid_area", value);
    }
}
