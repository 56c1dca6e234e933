package org.bighead.widgets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where widgets meet the kernel: {@link #connect} plugs in the kernel's {@link Frontend} (once, at kernel start);
 * the open widgets are kept here by model id, as ipywidgets keeps them, until closed. Also serves the frontend's
 * {@code jupyter.widget.control} comm (all widget states in one {@code update_states} reply when a notebook is
 * reloaded), and links widgets' traits.
 */
public final class Widgets {
    /** The control comm target the frontend opens to fetch every widget's state at once. */
    public static final String CONTROL_TARGET = "jupyter.widget.control";
    /** ipywidgets' switch for echo_update messages (on unless set to no, n, false, off, 0 or 0.0). */
    static final boolean ECHO = envSet("JUPYTER_WIDGETS_ECHO", true);

    private static final Map<String, Widget> OPEN = new ConcurrentHashMap<>();
    private static volatile Frontend frontend;
    private static volatile PrintStream errors; // null: System.err at the time (the kernel routes it to the cell)

    private Widgets() {}

    /** Connects widgets to a notebook frontend: from now on widgets open comms through it when displayed. */
    public static void connect(Frontend to) {
        frontend = Objects.requireNonNull(to, "frontend");
        to.onOpen(CONTROL_TARGET, (channel, data, buffers) -> (message, ignored) -> {
            String method = message.path("method").asText("");
            if (method.equals("request_states")) {
                WireState.Split split = WireState.split(states());
                ObjectNode reply = WireState.JSON.objectNode();
                reply.put("method", "update_states");
                reply.set("states", split.state());
                reply.set("buffer_paths", split.bufferPaths());
                channel.send(reply, split.buffers());
            } else {
                report("the widget control comm got unknown method '" + method + "'", null);
            }
        });
    }

    /** Disconnects (tests): widgets created afterwards stay in the kernel; open ones keep their comms. */
    public static void disconnect() {
        frontend = null;
    }

    /** Whether a frontend is connected. */
    public static boolean connected() {
        return frontend != null;
    }

    /** The open widget with this model id. */
    public static Optional<Widget> find(String modelId) {
        return Optional.ofNullable(OPEN.get(modelId));
    }

    /** The open widgets. */
    public static List<Widget> open() {
        return new ArrayList<>(OPEN.values());
    }

    /** Closes every open widget (ipywidgets' {@code Widget.close_all()}). */
    public static void closeAll() {
        open().forEach(Widget::close);
    }

    /** Keeps {@code a.aName} and {@code b.bName} equal, in the kernel (ipywidgets' {@code link}); b takes a's value. */
    public static Link link(Widget a, String aName, Widget b, String bName) {
        return new Link(a, aName, b, bName, false);
    }

    /** Copies {@code source.sourceName} to {@code target.targetName} on every change (ipywidgets' {@code dlink}). */
    public static Link dlink(Widget source, String sourceName, Widget target, String targetName) {
        return new Link(source, sourceName, target, targetName, true);
    }

    /** Links two synced traits in the browser, without a round trip to the kernel (ipywidgets' {@code jslink}). */
    public static JsLink jslink(Widget a, String aName, Widget b, String bName) {
        return new JsLink(a, aName, b, bName, false);
    }

    /** A one-way link in the browser (ipywidgets' {@code jsdlink}). */
    public static JsLink jsdlink(Widget source, String sourceName, Widget target, String targetName) {
        return new JsLink(source, sourceName, target, targetName, true);
    }

    // --- for widgets ---

    static Frontend frontend() {
        return frontend;
    }

    static void register(Widget widget) {
        OPEN.put(widget.modelId(), widget);
    }

    static void unregister(Widget widget) {
        String id = widget.modelId();
        if (id != null) {
            OPEN.remove(id, widget);
        }
    }

    /** The widget an {@code "IPY_MODEL_<id>"} reference names, or null. */
    static Widget byReference(String reference) {
        String id = reference.startsWith("IPY_MODEL_") ? reference.substring("IPY_MODEL_".length()) : reference;
        return OPEN.get(id);
    }

    /** Every open widget: model id → model name, module, version and full state (ipywidgets' update_states). */
    static ObjectNode states() {
        ObjectNode states = WireState.JSON.objectNode();
        for (Widget w : open()) {
            ObjectNode entry = states.putObject(w.modelId());
            entry.put("model_name", w.modelName());
            entry.put("model_module", w.modelModule());
            entry.put("model_module_version", w.modelModuleVersion());
            entry.set("state", w.state());
        }
        return states;
    }

    /** Tells the notebook user (stderr shows in the cell) about a failure in widget code that has no caller. */
    static void report(String what, Throwable error) {
        PrintStream err = errors != null ? errors : System.err;
        if (error == null) {
            err.println("widgets: " + what);
        } else {
            err.println("Exception in " + what + ":");
            error.printStackTrace(err);
        }
    }

    /** Where failures in widget callbacks are told (tests); null for System.err. */
    static void reportTo(PrintStream stream) {
        errors = stream;
    }

    private static boolean envSet(String name, boolean fallback) {
        String value = System.getenv(name);
        if (value == null) {
            return fallback;
        }
        return !List.of("no", "n", "false", "off", "0", "0.0").contains(value.toLowerCase(Locale.ROOT));
    }
}
