package org.bighead.widgets;

import java.util.ArrayList;
import java.util.List;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.viz.Html;
import org.bighead.pipeline.viz.StageCard;
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
        this.graph = new HTML(graphHtml(model));
        this.stages = ToggleButtons.of(new ArrayList<>(model.stages().keySet())).description("stage");
        this.view =
                sample == null ? new VBox(graph, stages, parameters) : new VBox(graph, stages, parameters, beforeAfter);
        stages.observe("value", change -> show((String) change.newValue()));
        show(stages.label());
    }

    /**
     * The graph, its stage boxes clickable: a click presses the stage's button below, which chooses the stage as
     * clicking the button does (the buttons carry their value as {@code data-value}, URI-encoded, in ipywidgets 8).
     */
    static String graphHtml(FittedPipeline model) {
        return "<style>.bh-pipeline-graph [data-stage]{cursor:pointer}"
                + ".bh-pipeline-graph [data-stage]:hover rect{stroke-width:2.4}</style>"
                + "<div class=\"bh-pipeline-graph\" style=\"max-width:100%;overflow-x:auto\" onclick=\""
                + "var g=event.target.closest('[data-stage]'),v=this.closest('.widget-vbox');"
                + "var b=g&amp;&amp;v&amp;&amp;v.querySelector('.widget-toggle-buttons button[data-value=&quot;'"
                + "+encodeURIComponent(g.getAttribute('data-stage'))+'&quot;]');if(b){b.click();}\">"
                + model.graph().toSvg() + "</div>";
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
        parameters.value(StageCard.html(name, stage));
        if (sample != null) {
            beforeAfter.value(beforeAfterHtml(name));
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
