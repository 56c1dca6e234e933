package org.bighead.productionize;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.pipeline.viz.Html;
import org.bighead.widgets.HTML;

/**
 * An export's steps as a live table in the notebook: each row ticks when its step ends, with its time and what it
 * made; then the version's link and the endpoint, or the failure and what was rolled back. Rows carry
 * {@code data-step} and {@code data-status} (running, done, skipped, failed) for pages and tests to read.
 */
public final class ExportProgress implements ExportListener, Displayable {
    private final HTML view = new HTML("");
    private final Map<ExportStep, String> rows = new EnumMap<>(ExportStep.class);
    private final List<String> rolledBack = new CopyOnWriteArrayList<>();
    private volatile String outcome = "";

    @Override
    public void started(ExportStep step) {
        row(step, "running", "", "");
    }

    @Override
    public void done(ExportStep step, long millis, String detail) {
        row(step, "done", seconds(millis), detail);
    }

    @Override
    public void skipped(ExportStep step) {
        row(step, "skipped", "", "");
    }

    @Override
    public void failed(ExportStep step, long millis, String message) {
        row(step, "failed", seconds(millis), message);
    }

    @Override
    public void rolledBack(String what) {
        rolledBack.add(what);
        render();
    }

    /** Shows what the export made: the version's page in the registry UI and the endpoint. */
    public void finished(Exporter.Result result, String registryUrl) {
        String page = result.versionUrl(registryUrl);
        StringBuilder html = new StringBuilder("<div class=\"bh-export-result\">")
                .append(result.unchanged() ? "unchanged: " : "exported ")
                .append("<a href=\"")
                .append(Html.escape(page))
                .append("\" target=\"_blank\">")
                .append(Html.escape(result.model() + " v" + result.version()))
                .append("</a>");
        if (result.alias() != null) {
            html.append(" (").append(Html.escape(result.alias())).append(")");
        }
        if (result.endpoint() != null) {
            html.append(" · endpoint <code class=\"bh-export-endpoint\">")
                    .append(Html.escape(result.endpoint()))
                    .append("</code>");
        }
        outcome = html.append("</div>").toString();
        render();
    }

    /** Shows why the export failed. */
    public void failedWith(String message) {
        outcome = "<div class=\"bh-export-error\" style=\"color:#d32f2f\">" + Html.escape(message) + "</div>";
        render();
    }

    /** Forgets an earlier export's rows (a second click). */
    public void clear() {
        synchronized (rows) {
            rows.clear();
        }
        rolledBack.clear();
        outcome = "";
        render();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private void row(ExportStep step, String status, String time, String detail) {
        String mark = switch (status) {
            case "done" -> "✓";
            case "failed" -> "✗";
            case "running" -> "⋯";
            default -> "–";
        };
        synchronized (rows) {
            rows.put(
                    step,
                    "<tr class=\"bh-export-step\" data-step=\"" + step.label() + "\" data-status=\"" + status + "\">"
                            + "<td>" + mark + "</td><td>" + step.label() + "</td><td style=\"text-align:right\">"
                            + time + "</td><td>" + Html.escape(detail) + "</td></tr>");
        }
        render();
    }

    private void render() {
        StringBuilder html = new StringBuilder("<table class=\"bh-export-steps\">");
        synchronized (rows) {
            rows.values().forEach(html::append);
        }
        html.append("</table>");
        for (String what : rolledBack) {
            html.append("<div class=\"bh-export-rollback\">rolled back: ")
                    .append(Html.escape(what))
                    .append("</div>");
        }
        view.value(html.append(outcome).toString());
    }

    /** The widget. */
    public HTML view() {
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
        synchronized (rows) {
            return "ExportProgress(" + rows.keySet() + ")";
        }
    }
}
