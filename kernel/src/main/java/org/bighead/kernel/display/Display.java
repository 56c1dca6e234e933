package org.bighead.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bighead.pipeline.viz.Displayable;

/**
 * Functions a notebook cell calls (statically imported in every notebook): {@code display(model)},
 * {@code updateDisplay(id, chart)}, {@code clearOutput()}, {@code input("Name?")}, and helpers that wrap raw
 * HTML, Markdown, SVG or Vega-Lite so they display as such.
 */
public final class Display {
    private static volatile Output output;

    private Display() {}

    /** Connects the functions to a kernel. */
    public static void attach(Output kernel) {
        output = kernel;
    }

    private static Output output() {
        Output o = output;
        if (o == null) {
            throw new IllegalStateException(
                    "no notebook is attached: display functions work inside the Bighead kernel");
        }
        return o;
    }

    /** Shows an object with its richest representation; returns a display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        output().display(MimeRenderer.render(value), id, false);
        return id;
    }

    /** Replaces what {@link #display} showed under {@code displayId}. */
    public static void updateDisplay(String displayId, Object value) {
        output().display(MimeRenderer.render(value), displayId, true);
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the cell's output; with {@code wait}, when the next output arrives (smooth animations). */
    public static void clearOutput(boolean wait) {
        output().clearOutput(wait);
    }

    /** Asks the notebook user for a line of text. */
    public static String input(String prompt) {
        return output().input(prompt, false);
    }

    /** Asks for a secret; the notebook hides what is typed. */
    public static String password(String prompt) {
        return output().input(prompt, true);
    }

    /** Raw HTML that displays as HTML. */
    public static Displayable html(String html) {
        return bundle("text/html", html, "[HTML]");
    }

    /** Markdown that displays rendered. */
    public static Displayable markdown(String markdown) {
        return bundle("text/markdown", markdown, markdown);
    }

    /** An SVG image. */
    public static Displayable svg(String svg) {
        return bundle("image/svg+xml", svg, "[SVG]");
    }

    /** A Vega-Lite v5 chart from its JSON specification. */
    public static Displayable vegaLite(String specification) {
        try {
            return bundle(
                    "application/vnd.vegalite.v5+json",
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(specification),
                    "[Vega-Lite chart]");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON Vega-Lite specification: " + e.getOriginalMessage());
        }
    }

    private static Displayable bundle(String mime, Object data, String text) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(mime, data);
        bundle.put("text/plain", text);
        return () -> bundle;
    }
}
