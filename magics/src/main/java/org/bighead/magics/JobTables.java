package org.bighead.magics;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bighead.pipeline.viz.Html;
import org.bighead.registry.client.Job;
import org.bighead.registry.client.JobRun;

/**
 * How {@code %bighead jobs} shows jobs and runs: aligned text, and HTML whose names link to the registry UI's
 * pages. Pure: the registry's URL and the time come in, so the output is the same for the same input. Times read
 * in the job's own time zone, with how far away they are.
 */
final class JobTables {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final String CELL = "padding:2px 10px;text-align:left;vertical-align:top";

    private final String url;
    private final Instant now;

    /** Links point into the UI of the registry at {@code url}; "in 3 h" and "5 min ago" count from {@code now}. */
    JobTables(String url, Instant now) {
        this.url = url;
        this.now = now;
    }

    /** Every job: name, kind, model, schedule and zone, next run, last run's status. */
    Shown jobs(List<Job> jobs) {
        if (jobs.isEmpty()) {
            String none = "no jobs in the registry at " + url
                    + " yet (./bighead jobs create NAME --kind batch-score --model MODEL@ALIAS --schedule @daily …)";
            return new Shown(none, "<p>" + Html.escape(none) + "</p>");
        }
        List<String> header = List.of("job", "kind", "model", "schedule", "next run", "last run");
        List<List<String>> text = new ArrayList<>();
        StringBuilder html = new StringBuilder(head(header));
        for (Job j : jobs) {
            String schedule = j.schedule() + " (" + j.timeZone() + ")";
            String next = j.paused() ? "paused" : when(j.nextRun(), j.timeZone());
            JobRun last = j.lastRun();
            String lastText = last == null ? "never ran" : last.status() + " " + ago(last.endedAt(), last.queuedAt());
            text.add(List.of(j.name(), j.kind(), j.model(), schedule, next, lastText));
            html.append("<tr>")
                    .append(td(link("#/jobs/" + enc(j.name()), j.name())))
                    .append(td(Html.escape(j.kind())))
                    .append(td(modelLink(j)))
                    .append(td(Html.escape(schedule)))
                    .append(td(Html.escape(next)))
                    .append(td(
                            last == null
                                    ? "<span style=\"opacity:0.6\">never ran</span>"
                                    : badge(last.status()) + " " + Html.escape(ago(last.endedAt(), last.queuedAt()))))
                    .append("</tr>");
        }
        html.append("</tbody></table>");
        return new Shown(aligned(header, text), html.toString());
    }

    /** One job's summary line, then its runs newest first, each with its outputs, message and (HTML) log tail. */
    Shown runs(Job job, List<JobRun> runs) {
        String zone = job.timeZone();
        String summary = job.name() + ": " + job.kind() + " of " + job.model() + ", " + job.schedule() + " in " + zone
                + (job.paused() ? ", paused" : "; next run " + when(job.nextRun(), zone));
        String htmlSummary = "<p><b>" + link("#/jobs/" + enc(job.name()), job.name()) + "</b>: "
                + Html.escape(job.kind()) + " of " + modelLink(job) + ", " + Html.escape(job.schedule()) + " in "
                + Html.escape(zone)
                + Html.escape(job.paused() ? ", paused" : "; next run " + when(job.nextRun(), zone)) + "</p>";
        if (runs.isEmpty()) {
            String none = "no runs yet (./bighead jobs run " + job.name() + " runs it now)";
            return new Shown(summary + "\n" + none, htmlSummary + "<p>" + Html.escape(none) + "</p>");
        }
        List<String> header =
                List.of("logical time", "trigger", "attempt", "status", "started", "duration", "output", "message");
        List<List<String>> text = new ArrayList<>();
        StringBuilder html = new StringBuilder(htmlSummary).append(head(header));
        for (JobRun r : runs) {
            String duration = r.duration().map(JobTables::duration).orElse(r.active() ? "…" : "—");
            String output = output(r);
            text.add(List.of(
                    when(r.logicalTime(), zone),
                    r.trigger(),
                    String.valueOf(r.attempt()),
                    r.status(),
                    when(r.startedAt(), zone),
                    duration,
                    output,
                    r.message()));
            Optional<Integer> version = r.newVersion();
            String name = job.modelName();
            String outputHtml = Html.escape(output)
                    + (version.isPresent() && name != null
                            ? " " + link("#/models/" + enc(name) + "/versions/" + version.get(), "v" + version.get())
                            : "");
            String message = Html.escape(r.message());
            if (!r.logTail().isBlank()) {
                message += "<details><summary style=\"cursor:pointer;opacity:0.7\">log</summary>"
                        + "<pre style=\"max-height:240px;overflow:auto;font-size:11px\">"
                        + Html.escape(r.logTail()) + "</pre></details>";
            }
            html.append("<tr>")
                    .append(td(Html.escape(when(r.logicalTime(), zone))))
                    .append(td(Html.escape(r.trigger())))
                    .append(td(String.valueOf(r.attempt())))
                    .append(td(badge(r.status())))
                    .append(td(Html.escape(when(r.startedAt(), zone))))
                    .append(td(Html.escape(duration)))
                    .append(td(outputHtml))
                    .append(td(message))
                    .append("</tr>");
        }
        html.append("</tbody></table>");
        return new Shown(summary + "\n" + aligned(header, text), html.toString());
    }

    /** "5,000 rows, 1 file → v4": what a run produced, as far as it says. */
    static String output(JobRun r) {
        List<String> parts = new ArrayList<>();
        r.rows()
                .ifPresent(n ->
                        parts.add(NumberFormat.getIntegerInstance(Locale.US).format(n) + " rows"));
        int files = r.files().size();
        if (files > 0) {
            parts.add(files + (files == 1 ? " file" : " files"));
        }
        r.newVersion().ifPresent(v -> parts.add("new version v" + v));
        return parts.isEmpty() ? "—" : String.join(", ", parts);
    }

    /** 12.3 s, 4 min 05 s, 2 h 03 min. */
    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 60_000) {
            long tenths = ms / 100; // cut, not rounded, as the registry UI
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }

    /** An instant in {@code zone} with how far it is from now: "2026-12-08 00:00 (in 5 h)"; "—" for none. */
    String when(String iso, String zone) {
        Instant at = instant(iso);
        if (at == null) {
            return iso == null ? "—" : iso;
        }
        ZoneId id = ZoneId.of("UTC");
        try {
            id = zone == null ? id : ZoneId.of(zone);
        } catch (DateTimeException e) {
            // a zone this JVM does not know (an older tz database than the registry's): UTC, as the API gives it
        }
        return WHEN.format(at.atZone(id)) + " (" + relative(at) + ")";
    }

    /** "5 min ago" from the first of the times given that is one; "" if none is. */
    private String ago(String... isos) {
        for (String iso : isos) {
            Instant at = instant(iso);
            if (at != null) {
                return relative(at);
            }
        }
        return "";
    }

    private String relative(Instant at) {
        Duration d = Duration.between(now, at);
        boolean future = !d.isNegative();
        long s = Math.abs(d.toSeconds());
        if (s < 60) {
            return future ? "in moments" : "moments ago";
        }
        String amount = s < 3600 ? s / 60 + " min" : s < 172_800 ? s / 3600 + " h" : s / 86_400 + " days";
        return future ? "in " + amount : amount + " ago";
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String modelLink(Job j) {
        String name = j.modelName();
        if (name == null) {
            return Html.escape(j.model());
        }
        int slash = j.model().indexOf('/');
        String target = slash > 0 && j.model().substring(slash + 1).matches("[0-9]+")
                ? "#/models/" + enc(name) + "/versions/" + j.model().substring(slash + 1)
                : "#/models/" + enc(name);
        return link(target, j.model());
    }

    private String link(String route, String text) {
        return "<a href=\"" + Html.escape(url + "/" + route) + "\" target=\"_blank\">" + Html.escape(text) + "</a>";
    }

    /** The registry UI's colours: green succeeded, red failed, amber interrupted, blue queued or running. */
    static String badge(String status) {
        String colours = switch (status == null ? "" : status) {
            case "succeeded" -> "background:#e3f5ec;color:#1d7a4f";
            case "failed" -> "background:#fde8e8;color:#b42318";
            case "interrupted" -> "background:#fff4d6;color:#8a5a00";
            case "queued", "running" -> "background:#e8f1fb;color:#17507f";
            default -> "background:#eef2f7;color:#374151";
        };
        return "<span style=\"" + colours + ";padding:1px 8px;border-radius:10px;white-space:nowrap\">"
                + Html.escape(status) + "</span>";
    }

    private static String head(List<String> header) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        header.forEach(h ->
                b.append("<th style=\"").append(CELL).append("\">").append(h).append("</th>"));
        return b.append("</tr></thead><tbody>").toString();
    }

    private static String td(String html) {
        return "<td style=\"" + CELL + "\">" + html + "</td>";
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Columns padded to their widest cell, two spaces apart; the last one not padded. */
    static String aligned(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList());
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], oneLine(row.get(i)).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = oneLine(row.get(i));
                line.append(cell).append(" ".repeat(width[i] - cell.length() + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
