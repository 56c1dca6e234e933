package org.bighead.widgets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.bundle.Json;
import org.bighead.pipeline.viz.Html;
import tech.tablesaw.api.Table;

/**
 * A fitted pipeline to explore in a notebook: its graph, a button per stage, and for the chosen stage its fitted
 * parameters (what the bundle saves for it) and, given a sample table, its input and output side by side:
 * <pre>{@code
 * PipelineView.of(model)                    // click a stage: its fitted parameters
 * PipelineView.of(model, test)              // ... and five rows before and after it
 * }</pre>
 * Choosing a stage, in the browser or with {@link #select}, redraws the details in place.
 */
public final class PipelineView implements Composite {
    /** Rows of the sample shown before and after the chosen stage. */
    public static final int SAMPLE_ROWS = 5;

    private static final int MAX_PARAMETERS = 60;
    private static final int MAX_JSON_CHARS = 20_000;
    private static final int MAX_TEXT = 80;

    private final FittedPipeline model;
    private final Table sample;
    private final HTML graph;
    private final ToggleButtons stages;
    private final HTML parameters = new HTML();
    private final HTML beforeAfter = new HTML();
    private final VBox view;

    private PipelineView(FittedPipeline model, Table sample) {
        this.model = model;
        this.sample = sample;
        this.graph = new HTML("<div class=\"bh-pipeline-graph\" style=\"max-width:100%;overflow-x:auto\">"
                + model.graph().toSvg() + "</div>");
        this.stages = ToggleButtons.of(new ArrayList<>(model.stages().keySet())).description("stage");
        this.view =
                sample == null ? new VBox(graph, stages, parameters) : new VBox(graph, stages, parameters, beforeAfter);
        stages.observe("value", change -> show((String) change.newValue()));
        show(stages.label());
    }

    /** The view of {@code model}, its first stage chosen. */
    public static PipelineView of(FittedPipeline model) {
        return new PipelineView(model, null);
    }

    /** The view of {@code model} that also shows {@value #SAMPLE_ROWS} rows of {@code sample} around each stage. */
    public static PipelineView of(FittedPipeline model, Table sample) {
        if (sample == null) {
            throw new IllegalArgumentException("sample is null; use PipelineView.of(model) to show no rows");
        }
        return new PipelineView(model, sample);
    }

    /** Chooses the stage named {@code stage}, as clicking it does. */
    public PipelineView select(String stage) {
        if (!model.stages().containsKey(stage)) {
            throw new IllegalArgumentException(
                    "no stage '" + stage + "'; stages: " + model.stages().keySet());
        }
        stages.value(stage);
        return this;
    }

    /** The chosen stage's name. */
    public String selected() {
        return (String) stages.value();
    }

    private void show(String name) {
        if (name == null) {
            parameters.value("");
            beforeAfter.value("");
            return;
        }
        FittedStage stage = model.stage(name);
        parameters.value(parametersHtml(name, stage));
        if (sample != null) {
            beforeAfter.value(beforeAfterHtml(name));
        }
    }

    private static String parametersHtml(String name, FittedStage stage) {
        String summary = stage.summary();
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"bh-stage\" style=\"font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,")
                .append("sans-serif;font-size:12px\">");
        if (summary != null && !summary.isBlank()) {
            html.append("<div style=\"margin:2px 0 4px 2px\">")
                    .append(Html.escape(summary))
                    .append("</div>");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.valueToTree(stage);
        } catch (IllegalArgumentException e) { // a custom stage Jackson cannot read: it could not be saved either
            return html.append("<div style=\"color:#d32f2f\">")
                    .append(Html.escape(
                            name + " (" + stage.type() + "): its parameters are not JSON: " + e.getMessage()))
                    .append("</div></div>")
                    .toString();
        }
        html.append(Html.keyValues(name + " · " + stage.type(), rows(json)));
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

    private String beforeAfterHtml(String name) {
        try {
            String html = model.beforeAfter(name, sample, SAMPLE_ROWS);
            return model.stage(name) == model.model() ? predictionsHtml() + html : html;
        } catch (RuntimeException e) {
            return "<div class=\"bh-error\" style=\"color:#c62828\">"
                    + Html.escape("no sample for stage " + name + ": " + e.getMessage()) + "</div>";
        }
    }

    /** The model's predictions on the sample beside the target (when the sample has it): its features are many. */
    private String predictionsHtml() {
        Table scored = model.predict(sample.first(SAMPLE_ROWS));
        List<String> columns = new ArrayList<>();
        if (scored.containsColumn(model.target())) {
            columns.add(model.target());
        }
        model.outputSchema().fields().forEach(f -> columns.add(f.name()));
        return Html.table(scored.selectColumns(columns.toArray(String[]::new)).setName("predictions"), SAMPLE_ROWS);
    }

    /** The pipeline graph (HTML holding the model's SVG). */
    public HTML graph() {
        return graph;
    }

    /** The stage buttons. */
    public ToggleButtons stages() {
        return stages;
    }

    /** The chosen stage's summary, fitted parameters and JSON. */
    public HTML parameters() {
        return parameters;
    }

    /** The sample before and after the chosen stage (empty without a sample). */
    public HTML beforeAfter() {
        return beforeAfter;
    }

    /** All of it, stacked. */
    @Override
    public VBox view() {
        return view;
    }

    @Override
    public String toString() {
        return "PipelineView(" + model.stages().keySet() + ", stage=" + selected() + ")";
    }
}
