package org.bighead.pipeline.viz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.bundle.Json;

/**
 * A fitted stage or model as a card: its summary, the columns it reads and writes, and its fitted parameters (what
 * the bundle saves for it) as rows with the whole JSON folded below. What a notebook shows for
 * {@code model.stage("xgboost")}, and what {@code PipelineView} shows for the chosen stage.
 */
public final class StageCard {
    private static final int MAX_PARAMETERS = 60;
    private static final int MAX_JSON_CHARS = 20_000;
    private static final int MAX_TEXT = 80;

    private StageCard() {}

    /** The stage's MIME bundle: the card as HTML, and a line of text. */
    public static Map<String, Object> mimeBundle(FittedStage stage) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(Displayable.TEXT_HTML, html(null, stage));
        bundle.put(Displayable.TEXT_PLAIN, text(stage));
        return bundle;
    }

    /** "xgboost-regressor · 200 trees … (24 columns → 1)", the card in one line. */
    public static String text(FittedStage stage) {
        String summary = stage.summary() == null ? "" : stage.summary().replace('\n', ' ');
        return stage.type() + (summary.isBlank() ? "" : " · " + Html.truncate(summary, 120)) + " ("
                + count(stage.inputs().size()) + " \u2192 " + stage.outputs().size() + ")";
    }

    private static String count(int n) {
        return n + (n == 1 ? " column" : " columns");
    }

    /** The card; {@code name} is the stage's name in its pipeline, or null when only its type is known. */
    public static String html(String name, FittedStage stage) {
        String title = name == null ? stage.type() : name + " \u00b7 " + stage.type();
        String summary = stage.summary();
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"bh-stage\" style=\"font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,")
                .append("sans-serif;font-size:12px\">");
        if (summary != null && !summary.isBlank()) {
            html.append("<div style=\"margin:2px 0 4px 2px\">")
                    .append(Html.escape(summary))
                    .append("</div>");
        }
        html.append("<div style=\"margin:0 0 4px 2px;color:#5b6472\" title=\"")
                .append(Html.escape(Html.truncate(
                        "reads: " + String.join(", ", stage.inputs()) + "\nwrites: "
                                + String.join(
                                        ", ",
                                        stage.outputs().stream()
                                                .map(c -> c.name())
                                                .toList()),
                        1000)))
                .append("\">reads ")
                .append(Html.escape(ColumnLabels.plain(stage.inputs(), 80)))
                .append(" \u2192 writes ")
                .append(stage.outputs().size())
                .append(stage.outputs().size() == 1 ? " column" : " columns")
                .append("</div>");
        JsonNode json;
        try {
            json = Json.MAPPER.valueToTree(stage);
        } catch (IllegalArgumentException e) { // a custom stage Jackson cannot read: it could not be saved either
            return html.append("<div style=\"color:#d32f2f\">")
                    .append(Html.escape(title + ": its parameters are not JSON: " + e.getMessage()))
                    .append("</div></div>")
                    .toString();
        }
        html.append(Html.keyValues(title, rows(json)));
        String pretty = pretty(json);
        html.append("<details style=\"margin:2px 0 0 2px;font-size:12px\"><summary>JSON (")
                .append(pretty.length())
                .append(" characters)</summary><pre style=\"font-size:11px;max-height:")
                .append("320px;overflow:auto;margin:4px 0\">")
                .append(Html.escape(
                        pretty.length() > MAX_JSON_CHARS ? pretty.substring(0, MAX_JSON_CHARS) + "\n…" : pretty))
                .append("</pre></details></div>");
        return html.toString();
    }

    /** The parameters as rows: top-level fields, and the fields of nested objects as "field.key". */
    private static Map<String, Object> rows(JsonNode json) {
        Map<String, Object> rows = new LinkedHashMap<>();
        if (!json.isObject()) {
            rows.put("value", value(json));
            return rows;
        }
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (field.getValue().isObject() && !field.getValue().isEmpty()) {
                field.getValue()
                        .properties()
                        .forEach(e -> rows.put(field.getKey() + "." + e.getKey(), value(e.getValue())));
            } else {
                rows.put(field.getKey(), value(field.getValue()));
            }
        }
        if (rows.size() > MAX_PARAMETERS) {
            Map<String, Object> first = new LinkedHashMap<>();
            rows.entrySet().stream().limit(MAX_PARAMETERS).forEach(e -> first.put(e.getKey(), e.getValue()));
            first.put("…", (rows.size() - MAX_PARAMETERS) + " more in the JSON below");
            return first;
        }
        return rows;
    }

    /** A JSON value for Html.keyValues: numbers stay numbers (4 digits); the rest is short text, the JSON has all. */
    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        } else if (node.isIntegralNumber()) {
            return node.asLong();
        } else if (node.isNumber()) {
            return node.asDouble();
        } else if (node.isArray()) {
            StringBuilder items = new StringBuilder("[");
            int shown = 0;
            while (shown < node.size() && items.length() < MAX_TEXT) {
                items.append(shown == 0 ? "" : ", ").append(cut(text(node.get(shown++))));
            }
            if (shown < node.size()) {
                items.append(", … (").append(node.size()).append(" items)");
            }
            return items.append(']').toString();
        }
        return cut(text(node));
    }

    private static String text(JsonNode node) {
        if (node.isNumber() && !node.isIntegralNumber()) {
            return Html.formatNumber(node.asDouble(), 4);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static String pretty(JsonNode json) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return json.toString();
        }
    }
}
