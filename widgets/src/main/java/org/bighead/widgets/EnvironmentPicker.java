package org.bighead.widgets;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bighead.environments.catalog.Catalog;
import org.bighead.environments.catalog.CatalogLocation;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.pipeline.viz.Html;

/**
 * A {@link Picker} of the team's environments, each labelled with its description, its details led by a CPU or GPU
 * badge:
 * <pre>{@code
 * var environment = EnvironmentPicker.show();   // this notebook's environment (BIGHEAD_ENVIRONMENT) chosen
 * environment.value().name()                    // "cpu"; value() is the whole EnvironmentSpec
 * }</pre>
 */
public final class EnvironmentPicker {
    /** The variable an environment's image (and the hub) sets to the environment's name. */
    public static final String CURRENT = "BIGHEAD_ENVIRONMENT";

    private static final String BADGE = "display:inline-block;padding:0 6px;margin:2px 0 4px 2px;border-radius:3px;"
            + "border:1px solid rgba(128,128,128,0.4);font-size:11px;font-weight:600;";
    private static final String GPU_BACKGROUND = "background:rgba(46,160,67,0.16)";
    private static final String CPU_BACKGROUND = "background:rgba(128,128,128,0.12)";

    private EnvironmentPicker() {}

    /**
     * The team's catalog, where {@link CatalogLocation} finds it ({@code BIGHEAD_CATALOG}, which environment images
     * set, else the checkout the kernel runs from), with this notebook's environment ({@value #CURRENT}) chosen.
     *
     * @throws IllegalStateException when no catalog is found, saying how to name one
     */
    public static Picker<EnvironmentSpec> show() {
        Path dir = CatalogLocation.find()
                .orElseThrow(() -> new IllegalStateException("no environment catalog found: set "
                        + CatalogLocation.VARIABLE + " to a folder of environment *.yaml files (environment images set"
                        + " it), or start the kernel from a Bighead checkout (-Dbighead.root)"));
        return of(Catalog.read(dir).list(), System.getenv(CURRENT));
    }

    /** {@code environments}, with the one named {@code current} chosen (the first when null or not among them). */
    public static Picker<EnvironmentSpec> of(List<EnvironmentSpec> environments, String current) {
        Picker<EnvironmentSpec> picker = Picker.of("environment", environments, EnvironmentPicker::label)
                .detailsHtml(e -> badge(e) + Html.keyValues(null, facts(e)));
        if (current != null && !current.isBlank()) {
            picker.select(e -> e.name().equals(current.strip()));
        }
        return picker;
    }

    /** {@code "cpu — CPU, XGBoost + DJL"}, or the name alone without a description. */
    static String label(EnvironmentSpec e) {
        return e.description().isBlank() ? e.name() : e.name() + " — " + e.description();
    }

    /** A "GPU" or "CPU" badge. */
    static String badge(EnvironmentSpec e) {
        return "<span class=\"bh-badge\" style=\"" + BADGE + (e.gpu() ? GPU_BACKGROUND : CPU_BACKGROUND) + "\">"
                + (e.gpu() ? "GPU" : "CPU") + "</span>";
    }

    /** What the details table shows of an environment. */
    static Map<String, Object> facts(EnvironmentSpec e) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("environment", e.name());
        if (!e.description().isBlank()) {
            facts.put("description", e.description());
        }
        facts.put("JDK", e.jdk());
        facts.put(
                "carries",
                e.carries().isEmpty()
                        ? "the Bighead library and kernel"
                        : e.carries().stream().map(Object::toString).collect(Collectors.joining(", ")));
        if (e.from() != null) {
            facts.put("derived from", e.from());
        }
        if (!e.maven().isEmpty()) {
            facts.put("Maven", String.join(", ", e.maven()));
        }
        return facts;
    }
}
