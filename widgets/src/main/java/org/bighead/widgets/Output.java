package org.bighead.widgets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A place for output (ipywidgets' {@code Output}, {@code OutputModel} of {@code @jupyter-widgets/output}). Its actions
 * return nothing, as in ipywidgets, so a cell ending with one does not show the widget a second time.
 *
 * <p>{@link #capture} works as in ipywidgets: while the code runs, the widget's {@code msg_id} is the running
 * request's msg_id, and JupyterLab routes that request's output (System.out, System.err, {@code display(..)})
 * into the widget instead of the cell. The frontend can only do that while the request is still running, so
 * capture from the cell's own code (or threads it waits for); from a button's click handler after the cell has
 * finished, use {@link #appendStdout} and {@link #appendDisplay}, which work through the widget's state.
 */
public final class Output extends DOMWidget<Output> {
    private final Trait<String> msgId = trait("msg_id", Type.STRING, "");
    private final Trait<ArrayNode> outputs = trait("outputs", Type.JSON_ARRAY, WireState.JSON.arrayNode());
    private final Object captureLock = new Object();
    private int captures; // nesting depth of capture(), guarded by captureLock

    /** An empty output area. */
    public Output() {
        super(OUTPUT, OUTPUT_VERSION, "OutputModel", OUTPUT, OUTPUT_VERSION, "OutputView");
    }

    /**
     * Runs {@code code} with its output going into this widget. An exception thrown by the code is printed into the
     * widget and not rethrown, as ipywidgets' {@code with out:} does in a notebook. Without a notebook the code
     * simply runs.
     */
    public void capture(Runnable code) {
        Frontend frontend = Widgets.frontend();
        String request = frontend == null ? "" : frontend.currentRequestId();
        if (request == null || request.isEmpty() || !open()) {
            code.run();
            return;
        }
        enter(request);
        try {
            code.run();
        } catch (RuntimeException e) {
            e.printStackTrace(System.err); // still captured: shows in the widget
        } finally {
            System.out.flush();
            System.err.flush();
            leave();
        }
    }

    private void enter(String request) {
        synchronized (captureLock) {
            captures++;
            set(msgId, request);
            flush(); // the frontend must know the msg_id before the first output arrives
        }
    }

    private void leave() {
        synchronized (captureLock) {
            if (--captures == 0) {
                set(msgId, "");
                flush();
            }
        }
    }

    /** The msg_id whose output the frontend currently puts here ("" when not capturing). */
    public String msgId() {
        return msgId.get();
    }

    /** The outputs shown, as nbformat output objects (a copy). */
    public ArrayNode outputs() {
        return outputs.get();
    }

    /** Appends text to the widget's stdout stream. */
    public void appendStdout(String text) {
        append(stream("stdout", text));
    }

    /** Appends text to the widget's stderr stream. */
    public void appendStderr(String text) {
        append(stream("stderr", text));
    }

    /** Appends an object shown with its richest representation (tables, charts, other widgets...). */
    public void appendDisplay(Object value) {
        Frontend frontend = Widgets.frontend();
        ObjectNode output = WireState.JSON.objectNode();
        output.put("output_type", "display_data");
        output.set("data", frontend != null ? frontend.render(value) : Frontend.renderPlain(value));
        output.putObject("metadata");
        append(output);
    }

    /** Removes every output from the widget. */
    public void clear() {
        update(tx -> {
            tx.set(outputs, WireState.JSON.arrayNode());
            tx.resend(outputs); // even if the kernel thinks it is empty: captured output lives in the browser
        });
    }

    private static ObjectNode stream(String name, String text) {
        ObjectNode output = WireState.JSON.objectNode();
        output.put("output_type", "stream");
        output.put("name", name);
        output.put("text", text);
        return output;
    }

    private void append(ObjectNode output) {
        update(tx -> {
            ArrayNode more = tx.get(outputs).deepCopy();
            more.add(output);
            tx.set(outputs, more);
        });
    }
}
