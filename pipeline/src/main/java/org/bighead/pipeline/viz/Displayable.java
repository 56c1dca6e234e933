package org.bighead.pipeline.viz;

import java.util.Map;

/**
 * An object that can show itself in a Jupyter front end.
 *
 * <p>{@link #mimeBundle()} returns a Jupyter MIME bundle: each key is a MIME type, each value the
 * representation of this object in that type. Values of text types ({@code text/plain},
 * {@code text/html}, {@code image/svg+xml}, ...) are {@link String}s; values of JSON types
 * ({@code application/vnd.vegalite.v5+json}, {@code application/json}) are Jackson
 * {@link com.fasterxml.jackson.databind.JsonNode}s, which the kernel embeds in the
 * {@code display_data} message as JSON (not as a JSON string).
 *
 * <p>Every bundle contains {@code text/plain}, the fallback for consoles and for front ends that
 * render nothing else. The kernel sends the whole bundle; the front end shows ONE entry, by its own
 * ranking, and JupyterLab 4 ranks HTML above Vega-Lite (text/plain comes last). So a bundle with
 * HTML never shows its chart: put the view people should see first, and offer the others through
 * methods (as {@code Metrics.toHtml()} does). Bundles are pure functions of the object's data: no kernel, no I/O, no external
 * resources (no scripts, fonts or images loaded from the network), so they render offline.
 */
public interface Displayable {

    /** MIME type of plain text; every bundle has it. */
    String TEXT_PLAIN = "text/plain";
    /** MIME type of an HTML fragment. */
    String TEXT_HTML = "text/html";
    /** MIME type of a standalone SVG document. */
    String IMAGE_SVG = "image/svg+xml";
    /** MIME type of a Vega-Lite v5 specification (value is a JsonNode). */
    String VEGA_LITE = "application/vnd.vegalite.v5+json";
    /** MIME type of generic JSON (value is a JsonNode). */
    String APPLICATION_JSON = "application/json";

    /**
     * The representations of this object, keyed by MIME type; always contains {@link #TEXT_PLAIN}.
     * String values for text types, {@code JsonNode} values for JSON types. The kernel displays the
     * richest entry the front end supports.
     */
    Map<String, Object> mimeBundle();
}
