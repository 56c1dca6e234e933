package org.bighead.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.pipeline.viz.PipelineGraph;

/**
 * Builds a pipeline's {@link PipelineGraph}, unfitted from its steps' {@link StepPlan}s and fitted from its stages,
 * following the columns alive after each step so that a step which only narrows the table ({@code Select},
 * {@code Drop}) is drawn passing on what it keeps rather than as a dead end.
 */
final class PipelineGraphs {
    private PipelineGraphs() {}

    /** The graph of a pipeline before fitting: the columns its steps name, and their settings. */
    static PipelineGraph planned(Map<String, Step> steps, String target) {
        List<String> raw = new ArrayList<>();
        Set<String> live = new LinkedHashSet<>();
        boolean open = true; // the table's unnamed columns still flow on (no Select/Assemble yet)
        List<PipelineGraph.Node> nodes = new ArrayList<>();
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            Step step = e.getValue();
            boolean model = step instanceof Model;
            StepPlan plan = step.plan();
            String type = step.getClass().getSimpleName() + " · not fitted";
            if (model) {
                if (open) {
                    raw.add(PipelineGraph.OTHER_COLUMNS);
                    live.add(PipelineGraph.OTHER_COLUMNS);
                }
                String settings = plan == null ? "" : plan.settings();
                nodes.add(new PipelineGraph.Node(e.getKey(), type, List.copyOf(live), List.of(), settings, true));
                continue;
            }
            if (plan == null) { // a custom stage: what it reads and writes is known after fit
                nodes.add(new PipelineGraph.Node(
                        e.getKey(), type, List.copyOf(live), List.copyOf(live), "columns known after fit", false));
                continue;
            }
            List<String> reads = new ArrayList<>();
            for (String column : plan.reads()) {
                List<String> matched = match(column, live);
                if (matched.isEmpty()) { // a column of the table no step has named yet
                    raw.add(column);
                    live.add(column);
                    matched = List.of(column);
                }
                matched.stream().filter(c -> !reads.contains(c)).forEach(reads::add);
            }
            List<String> inputs;
            List<String> outputs;
            if (plan.keepsOnlyReads()) {
                inputs = List.copyOf(live);
                live.retainAll(reads);
                outputs = List.copyOf(live);
                open = false;
            } else if (plan.writes().isEmpty()) { // hides columns and passes the rest on
                for (String hidden : plan.hides()) {
                    if (!hidden.endsWith("*") && !live.contains(hidden)) { // a column of the table, dropped
                        raw.add(hidden);
                        live.add(hidden);
                    }
                }
                inputs = List.copyOf(live);
                plan.hides().forEach(h -> live.removeAll(match(h, live)));
                outputs = List.copyOf(live);
            } else {
                inputs = reads;
                outputs = plan.writes();
                plan.hides().forEach(h -> live.removeAll(match(h, live)));
                live.addAll(outputs);
            }
            nodes.add(new PipelineGraph.Node(e.getKey(), type, inputs, outputs, plan.settings(), false));
        }
        return new PipelineGraph(raw, target, nodes);
    }

    /** The graph of a fitted pipeline: every stage's learned columns and summary. */
    static PipelineGraph fitted(
            List<String> inputs, String target, Map<String, FittedStage> stages, FittedStage model) {
        Set<String> live = new LinkedHashSet<>(inputs);
        List<PipelineGraph.Node> nodes = new ArrayList<>();
        stages.forEach((name, s) -> {
            List<String> in = s.inputs();
            List<String> out = s.outputs().stream().map(ColumnDef::name).toList();
            if (out.isEmpty() && s != model) { // a filter: it reads the table and passes on what it keeps
                in = List.copyOf(live);
                live.removeAll(s.removes());
                out = List.copyOf(live);
            } else {
                live.removeAll(s.removes());
                live.addAll(out);
            }
            nodes.add(new PipelineGraph.Node(name, s.type(), in, out, s.summary(), s == model));
        });
        return new PipelineGraph(inputs, target, nodes);
    }

    /** The live columns {@code pattern} names: itself, or for "prefix*" every column (or family) it starts. */
    private static List<String> match(String pattern, Set<String> live) {
        if (pattern.endsWith("*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return live.stream().filter(c -> c.startsWith(prefix)).toList();
        }
        return live.contains(pattern) ? List.of(pattern) : List.of();
    }
}
