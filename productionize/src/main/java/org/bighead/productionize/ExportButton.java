package org.bighead.productionize;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.widgets.Form;
import org.bighead.widgets.VBox;
import org.bighead.widgets.Widget;

/**
 * The Export button under a model: a form (name, alias, where to serve, a schedule) and, once clicked, the export's
 * steps ticking one by one with their times ({@link ExportProgress}), then the version's page and the endpoint.
 * <pre>{@code
 * ExportButton.of(model)                      // or: %bighead export model
 * }</pre>
 * The export runs on a thread of its own: the notebook stays responsive, and the steps update as they end.
 */
public final class ExportButton implements Displayable {
    /** What the serve drop-down offers, as shown. */
    static final String NO_ENDPOINT = "no endpoint";

    static final String LOCAL = "local serving process";
    static final String DOCKER = "container (environment image)";

    private final FittedPipeline model;
    private final java.nio.file.Path workingDir;
    private final Form form;
    private final ExportProgress progress = new ExportProgress();
    private final VBox view;
    private volatile Thread running;
    private volatile Exporter.Result result;

    private ExportButton(FittedPipeline model, String name, String alias, java.nio.file.Path workingDir) {
        this.model = model;
        this.workingDir = workingDir;
        this.form = Form.of("Export to production")
                .text("name", name)
                .text("alias", alias)
                .dropdown("serve", List.of(LOCAL, DOCKER, NO_ENDPOINT))
                .text("schedule", "")
                .validate(v -> v.get("name").toString().isBlank() ? "name must not be empty" : null)
                .button("Export", this::export);
        this.view = new VBox(form.view(), progress.view());
    }

    /** A button exporting {@code model}; the name defaults to the model's target column, the alias to champion. */
    public static ExportButton of(FittedPipeline model) {
        return new ExportButton(model, defaultName(model), "champion", null);
    }

    /** As above; relative paths in the schedule start at {@code workingDir} (the notebook's folder). */
    public static ExportButton of(FittedPipeline model, java.nio.file.Path workingDir) {
        return new ExportButton(model, defaultName(model), "champion", workingDir);
    }

    private static String defaultName(FittedPipeline model) {
        String target = model.target() == null ? "model" : model.target();
        return target.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
    }

    /** The form, to fill in from code. */
    public Form form() {
        return form;
    }

    /** What the last export made, or null (running, failed, or not clicked yet). */
    public Exporter.Result result() {
        return result;
    }

    /** Waits up to {@code millis} for a running export to end; true when none runs any more. */
    public boolean await(long millis) throws InterruptedException {
        Thread t = running;
        if (t != null) {
            t.join(millis);
            return !t.isAlive();
        }
        return true;
    }

    private void export(Map<String, Object> values) {
        if (running != null && running.isAlive()) {
            return; // one export at a time: a click while one runs does nothing
        }
        ExportRequest request = request(values).withWorkingDir(workingDir);
        result = null;
        progress.clear();
        running = new Thread(() -> run(request), "bighead-export");
        running.setDaemon(true);
        running.start();
    }

    /** The form's values as a request. */
    static ExportRequest request(Map<String, Object> values) {
        String alias = values.get("alias").toString().strip();
        ExportRequest request =
                ExportRequest.of(values.get("name").toString().strip()).withAlias(alias.isEmpty() ? null : alias);
        String serve = String.valueOf(values.get("serve"));
        if (serve.equals(LOCAL)) {
            request = request.withServe(ExportRequest.Serve.local(0));
        } else if (serve.equals(DOCKER)) {
            request = request.withServe(ExportRequest.Serve.docker(0, null));
        }
        String schedule = values.get("schedule").toString().strip();
        return schedule.isEmpty() ? request : request.withSchedule(schedule);
    }

    private void run(ExportRequest request) {
        try {
            var registry = ExportSession.registry();
            Exporter exporter = new Exporter(registry, request.serve() == null ? null : ExportSession.deployer());
            result = exporter.export(model, ExportSession.provenance(), request, progress);
            progress.finished(result, registry.url());
        } catch (RuntimeException e) {
            progress.failedWith(e.getMessage());
        }
    }

    /** The form and the step list. */
    public Widget view() {
        return view;
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new java.util.LinkedHashMap<>(view.mimeBundle());
        bundle.put(TEXT_PLAIN, toString());
        return bundle;
    }

    @Override
    public String toString() {
        return "ExportButton(" + form.values() + ")";
    }
}
