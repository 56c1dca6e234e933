package org.bighead.pipeline;

import java.util.List;

/**
 * What a step will do as configured, before it has seen data: what the unfitted pipeline's graph draws.
 *
 * @param reads columns it reads (a name ending in {@code *} is a family, e.g. {@code "amenities#*"})
 * @param writes columns it writes: the columns it reads for an in-place transform, a family for an encoder
 * @param hides columns hidden from later steps (what an encoder replaces, what {@code Drop} drops)
 * @param keepsOnlyReads whether every column it does not read is hidden ({@code Select}, {@code Assemble})
 * @param settings its settings in one short line, e.g. "median" or "200 rounds · max depth 6"
 */
public record StepPlan(
        List<String> reads, List<String> writes, List<String> hides, boolean keepsOnlyReads, String settings) {
    public StepPlan {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        hides = List.copyOf(hides);
        settings = settings == null ? "" : settings;
    }

    /** Reads {@code columns} and writes them back transformed. */
    public static StepPlan inPlace(List<String> columns, String settings) {
        return new StepPlan(columns, columns, List.of(), false, settings);
    }

    /** Reads {@code columns} and replaces each by a family of columns ({@code suffix} appended, e.g. "=*"). */
    public static StepPlan encodes(List<String> columns, String suffix, String settings) {
        return new StepPlan(columns, columns.stream().map(c -> c + suffix).toList(), columns, false, settings);
    }

    /** Keeps only {@code columns} for the steps after it. */
    public static StepPlan keeps(List<String> columns, String settings) {
        return new StepPlan(columns, List.of(), List.of(), true, settings);
    }

    /** Hides {@code columns} from the steps after it. */
    public static StepPlan drops(List<String> columns, String settings) {
        return new StepPlan(List.of(), List.of(), columns, false, settings);
    }

    /** A model: it reads every column that reaches it. */
    public static StepPlan model(String settings) {
        return new StepPlan(List.of(), List.of(), List.of(), false, settings);
    }
}
