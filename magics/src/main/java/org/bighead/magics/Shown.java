package org.bighead.magics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bighead.pipeline.viz.Displayable;

/** Text a magic returns to be shown as the cell's result: plain text, and HTML for front ends that render it. */
record Shown(String text, String html) implements Displayable {

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(TEXT_PLAIN, text);
        bundle.put(TEXT_HTML, html);
        return bundle;
    }

    @Override
    public String toString() {
        return text;
    }
}
