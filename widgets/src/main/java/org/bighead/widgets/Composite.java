package org.bighead.widgets;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bighead.pipeline.viz.Displayable;

/** A Bighead widget built from controls: it displays as its view, with its own text for consoles. */
interface Composite extends Displayable {
    /** The controls, laid out. */
    Widget view();

    /** The view's widget bundle with this object's own text. */
    @Override
    default Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>(view().mimeBundle());
        bundle.put(TEXT_PLAIN, toString());
        return bundle;
    }
}
