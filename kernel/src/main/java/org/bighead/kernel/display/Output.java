package org.bighead.kernel.display;

import java.util.Map;

/**
 * Where cells' rich output goes; the kernel implements it. Separated from the static {@link Display} functions
 * so code outside a kernel (tests, scripts) can run with no notebook attached.
 */
public interface Output {
    /** Shows a bundle; with a display id it can later be updated in place. */
    void display(Map<String, Object> bundle, String displayId, boolean update);

    /** Clears the cell's output; with {@code wait}, only when new output arrives (no flicker). */
    void clearOutput(boolean wait);

    /** Asks the notebook user for a line of text. */
    String input(String prompt, boolean password);
}
