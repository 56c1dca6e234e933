package org.bighead.productionize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bighead.config.Locations;
import org.bighead.config.Words;

/**
 * A job an export schedules, parsed from one line: {@code KIND WHEN [--option value]…}, the options of
 * {@code ./bighead jobs create}. {@code --schedule "retrain @weekly --metric test.rmse"}, {@code --schedule "retrain
 * daily 03:00 --metric test.mae --margin 0.5 --better lower"}, {@code --batch "@daily --input in.csv --output out.parquet"}. WHEN is a
 * preset ({@code @hourly @daily @weekly @monthly}, or the same without the {@code @}), {@code daily HH:MM}, or five
 * cron fields. Pure: the job it becomes is data, created by the export's schedule step.
 *
 * @param job the job's name ({@code MODEL-KIND} unless {@code --job NAME})
 * @param kind batch-score, retrain or evaluate
 * @param schedule a cron expression or preset, as the registry's scheduler reads it
 * @param options the remaining fields of the job, by the registry API's names
 */
public record ScheduleSpec(String job, String kind, String schedule, Map<String, Object> options) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KINDS = Set.of("batch-score", "retrain", "evaluate");
    private static final Set<String> PRESETS = Set.of("hourly", "daily", "weekly", "monthly");
    private static final Pattern CLOCK = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9*,/\\-A-Za-z?]+");
    // option -> the API's field, and whether it is a number
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("--input", "input"),
            Map.entry("--output", "output"),
            Map.entry("--metric", "metric"),
            Map.entry("--promote-to", "promoteTo"),
            Map.entry("--better", "better"),
            Map.entry("--margin", "margin"),
            Map.entry("--threshold", "threshold"),
            Map.entry("--notebook", "notebook"),
            Map.entry("--webhook", "webhook"),
            Map.entry("--time-zone", "timeZone"),
            Map.entry("--catch-up", "catchUp"),
            Map.entry("--retries", "maxRetries"),
            Map.entry("--timeout", "timeoutSeconds"));
    private static final Set<String> NUMBERS = Set.of("margin", "threshold", "maxRetries", "timeoutSeconds");
    // what the registry stores for a field a job was created without (JobRoutes.create)
    private static final Map<String, Object> DEFAULTS =
            Map.of("timeZone", "UTC", "catchUp", "latest", "maxRetries", 2, "timeoutSeconds", 3600);

    public ScheduleSpec {
        options = Map.copyOf(options);
    }

    /**
     * Parses a {@code --schedule} line (it starts with its kind) for {@code model}; a retrain promotes to
     * {@code alias} unless it says {@code --promote-to}.
     *
     * @throws IllegalArgumentException saying what is wrong and what is valid
     */
    public static ScheduleSpec schedule(String line, String model, String alias) {
        List<String> words = words(line, "--schedule");
        String kind = words.isEmpty() ? "" : words.remove(0);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("--schedule \"" + line + "\" must start with its kind: retrain,"
                    + " evaluate or batch-score (e.g. \"retrain @weekly --metric test.rmse\")");
        }
        return parse(kind, words, line, "--schedule", model, alias);
    }

    /** Parses a {@code --batch} line: a batch-score job ({@code WHEN --input IN --output OUT}). */
    public static ScheduleSpec batch(String line, String model, String alias) {
        List<String> words = words(line, "--batch");
        if (!words.isEmpty() && words.get(0).equals("batch-score")) {
            words.remove(0);
        }
        return parse("batch-score", words, line, "--batch", model, alias);
    }

    private static ScheduleSpec parse(
            String kind, List<String> words, String line, String flag, String model, String alias) {
        List<String> when = new ArrayList<>();
        while (!words.isEmpty() && !words.get(0).startsWith("--")) {
            when.add(words.remove(0));
        }
        String schedule = when(when, line, flag);
        Map<String, Object> options = new LinkedHashMap<>();
        String job = model + "-" + kind;
        for (int i = 0; i < words.size(); i += 2) {
            String option = words.get(i);
            if (i + 1 >= words.size()) {
                throw new IllegalArgumentException(flag + " \"" + line + "\": " + option + " needs a value");
            }
            String value = words.get(i + 1);
            if (option.equals("--job")) {
                job = value;
                continue;
            }
            String field = FIELDS.get(option);
            if (field == null) {
                throw new IllegalArgumentException(flag + " \"" + line + "\": unknown option " + option
                        + "; valid: --job " + String.join(" ", new java.util.TreeSet<>(FIELDS.keySet())));
            }
            options.put(field, NUMBERS.contains(field) ? number(value, option, line, flag) : value);
        }
        if (kind.equals("retrain") && alias != null) {
            options.putIfAbsent("promoteTo", alias);
        }
        if (kind.equals("retrain") && !options.containsKey("metric")) {
            throw new IllegalArgumentException(
                    flag + " \"" + line + "\": a retrain job needs --metric (e.g. test.rmse):"
                            + " a new version is promoted only if it beats the alias's on it");
        }
        if (kind.equals("retrain") && !options.containsKey("promoteTo")) {
            throw new IllegalArgumentException(flag + " \"" + line + "\": a retrain job promotes a better version to an"
                    + " alias: give the export --alias, or the job --promote-to ALIAS");
        }
        if (kind.equals("batch-score") && (!options.containsKey("input") || !options.containsKey("output"))) {
            throw new IllegalArgumentException(
                    flag + " \"" + line + "\": a batch-score job needs --input and --output");
        }
        if (kind.equals("evaluate") && !options.containsKey("input")) {
            throw new IllegalArgumentException(
                    flag + " \"" + line + "\": an evaluate job needs --input (labelled rows)");
        }
        return new ScheduleSpec(job, kind, schedule, options);
    }

    private static String when(List<String> when, String line, String flag) {
        String hint = flag + " \"" + line + "\": say when as @daily (or hourly, weekly, monthly), daily HH:MM or five"
                + " cron fields (\"0 3 * * 1\")";
        if (when.size() == 1) {
            String w = when.get(0);
            String preset = w.startsWith("@") ? w.substring(1) : w;
            if (PRESETS.contains(preset)) {
                return "@" + preset;
            }
        } else if (when.size() == 2 && when.get(0).equals("daily")) {
            Matcher clock = CLOCK.matcher(when.get(1));
            if (clock.matches()) {
                return Integer.parseInt(clock.group(2)) + " " + Integer.parseInt(clock.group(1)) + " * * *";
            }
        } else if (when.size() == 5
                && when.stream().allMatch(f -> CRON_FIELD.matcher(f).matches())) {
            return String.join(" ", when); // the registry checks the fields themselves when the job is created
        }
        throw new IllegalArgumentException(hint);
    }

    private static Object number(String value, String option, String line, String flag) {
        try {
            return option.equals("--retries") || option.equals("--timeout")
                    ? (Object) Integer.parseInt(value)
                    : (Object) Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    flag + " \"" + line + "\": " + option + " takes a number, got '" + value + "'");
        }
    }

    /** Splits on spaces, keeping "quoted words" whole (a path with spaces), as a magic's arguments are split. */
    static List<String> words(String line, String flag) {
        try {
            return new ArrayList<>(Words.split(line.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " \"" + line + "\": a quote is not closed");
        }
    }

    /**
     * This job with its relative local paths ({@code --input}, {@code --output}, {@code --notebook}) made absolute
     * from {@code dir}: the registry runs the job from a folder of its own, so a path means what it meant where it
     * was typed. URLs ({@code s3://…}) and absolute paths stay as they are.
     */
    public ScheduleSpec resolvedAgainst(Path dir) {
        Map<String, Object> resolved = new LinkedHashMap<>(options);
        for (String field : List.of("input", "output", "notebook")) {
            if (resolved.get(field) instanceof String path) {
                resolved.put(field, Locations.resolve(path, dir));
            }
        }
        return new ScheduleSpec(job, kind, schedule, resolved);
    }

    /**
     * How {@code job} (a job as the registry shows it) differs from this one for {@code modelRef}: one entry per
     * setting, {@code "margin 0.5 (this export: 1.0)"}; empty when the registry's job is this one. A setting this
     * spec leaves out counts as the registry's default for it.
     */
    public List<String> differences(JsonNode job, String modelRef) {
        List<String> differences = new ArrayList<>();
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("kind", kind);
        mine.put("model", modelRef);
        mine.put("schedule", schedule);
        for (String field : new java.util.TreeSet<>(FIELDS.values())) {
            mine.put(field, options.containsKey(field) ? options.get(field) : defaultOf(field));
        }
        mine.forEach((field, value) -> {
            JsonNode theirs = job.path(field);
            Object their = theirs.isMissingNode() || theirs.isNull()
                    ? defaultOf(field)
                    : theirs.isNumber() ? (Object) theirs.doubleValue() : theirs.asText();
            if (!same(value, their)) {
                differences.add(field + " " + shown(their) + " (this export: " + shown(value) + ")");
            }
        });
        return differences;
    }

    private Object defaultOf(String field) {
        if ((field.equals("margin") && kind.equals("retrain"))
                || (field.equals("threshold") && kind.equals("evaluate"))) {
            return 0.0;
        }
        return DEFAULTS.get(field);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }

    private static String shown(Object value) {
        if (value == null) {
            return "none";
        }
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? String.valueOf(n.longValue())
                : String.valueOf(value);
    }

    /** The job as the registry's POST /api/jobs takes it, for {@code modelRef}. */
    public ObjectNode toJson(String modelRef) {
        ObjectNode body = JSON.createObjectNode()
                .put("name", job)
                .put("kind", kind)
                .put("model", modelRef)
                .put("schedule", schedule);
        options.forEach((field, value) -> body.set(field, JSON.valueToTree(value)));
        return body;
    }
}
