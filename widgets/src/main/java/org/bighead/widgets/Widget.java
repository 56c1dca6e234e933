package org.bighead.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.bighead.pipeline.viz.Displayable;

/**
 * A Jupyter widget: typed traits kept in sync with a model in the browser over a comm, speaking the Jupyter widget
 * message protocol 2.1 exactly as ipywidgets 8 does, so JupyterLab renders it with its stock widget manager.
 *
 * <p>The comm opens when the widget is first displayed (or referenced by an open widget, or {@link #open()} is
 * called), with the full state; until then the state lives in the kernel only. After that, changes made in Java on
 * any thread are gathered and sent within a few ms, or ~20 ms while a loop changes the widget, latest value winning
 * (see {@link SendPolicy}); the browser's updates are applied on the
 * kernel's shell thread, echoed back for other views ({@code echo_update}), and reach {@link #observe observers}.
 * Thread-safe.
 */
public abstract class Widget implements Displayable, AutoCloseable {
    /** The widget message protocol spoken (comm_open metadata). */
    public static final String PROTOCOL_VERSION = "2.1.0";
    /** The MIME type of a widget view in a display_data message. */
    public static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";
    /** The module of layouts and styles' views, and its version. */
    public static final String BASE = "@jupyter-widgets/base";

    public static final String BASE_VERSION = "2.0.0";
    /** The module of the controls (sliders, boxes...), and its version. */
    public static final String CONTROLS = "@jupyter-widgets/controls";

    public static final String CONTROLS_VERSION = "2.0.0";
    /** The module of the Output widget, and its version. */
    public static final String OUTPUT = "@jupyter-widgets/output";

    public static final String OUTPUT_VERSION = "1.0.0";
    private static final int REPR_LIMIT = 110;

    private final Object lock = new Object();
    private final Map<String, Trait<?>> traits = new TreeMap<>(); // sorted: the order ipywidgets' get_state has
    private final Set<String> dirty = new TreeSet<>(); // synced traits changed since the last send
    private final Map<String, List<Consumer<Change>>> observers = new ConcurrentHashMap<>();
    private final List<BiConsumer<JsonNode, List<byte[]>>> customHandlers = new CopyOnWriteArrayList<>();
    private final Trait<String> modelName;
    private final Trait<String> modelModule;
    private final Trait<String> modelModuleVersion;
    private final Trait<String> viewName;
    private boolean scheduled;
    // guarded by lock: how this widget has been sending lately, which decides when its next change leaves
    private final SendPolicy.Pace pace = new SendPolicy.Pace(System.nanoTime());
    private boolean closed;
    private Frontend.Channel channel;
    private volatile String modelId;

    /** A widget whose browser side is model {@code modelName} of {@code modelModule}, shown by view {@code viewName}. */
    protected Widget(
            String modelModule,
            String modelModuleVersion,
            String modelName,
            String viewModule,
            String viewModuleVersion,
            String viewName) {
        this.modelModule = trait("_model_module", Type.STRING, modelModule).readOnly();
        this.modelModuleVersion =
                trait("_model_module_version", Type.STRING, modelModuleVersion).readOnly();
        this.modelName = trait("_model_name", Type.STRING, modelName).readOnly();
        trait("_view_module", Type.NULLABLE_STRING, viewModule).readOnly();
        trait("_view_module_version", Type.STRING, viewModuleVersion).readOnly();
        this.viewName = trait("_view_name", Type.NULLABLE_STRING, viewName).readOnly();
        trait("_view_count", Type.NULLABLE_INT, null);
    }

    /** Declares a synced trait (call from field initializers of subclasses). */
    protected final <T> Trait<T> trait(String name, Type<T> type, T defaultValue) {
        Trait<T> trait = new Trait<>(this, name, type, defaultValue);
        if (traits.putIfAbsent(name, trait) != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " declares trait " + name + " twice");
        }
        return trait;
    }

    // --- reading and changing traits ---

    /** The value of trait {@code name} (synced or kernel-only). */
    public Object get(String name) {
        return trait(name).get();
    }

    /** Sets trait {@code name} (numbers are converted to the trait's type); observers hear of a change. */
    public Widget set(String name, Object value) {
        Trait<?> trait = trait(name);
        if (trait.isReadOnly()) {
            throw new IllegalArgumentException(trait.label() + " is read-only");
        }
        update(tx -> tx.set(trait, value));
        return this;
    }

    /** The names of the synced traits: the state's keys (ipywidgets' {@code keys}). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        traits.values().stream().filter(Trait::synced).forEach(t -> keys.add(t.name()));
        return keys;
    }

    /** The trait named {@code name}; throws naming the traits there are. */
    protected final Trait<?> trait(String name) {
        Trait<?> trait = traits.get(name);
        if (trait == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no trait '" + name + "'; it has "
                    + String.join(", ", traits.keySet()));
        }
        return trait;
    }

    /** Sets one trait (the typed setters of subclasses use it). */
    protected final <T> void set(Trait<T> trait, Object value) {
        update(tx -> tx.set(trait, value));
    }

    /** Changes several traits at once: validated together, sent together, observers told afterwards. */
    protected final void update(Consumer<Tx> changes) {
        List<Change> happened;
        synchronized (lock) {
            Tx tx = new Tx();
            try {
                changes.accept(tx);
            } catch (RuntimeException | Error e) {
                tx.rollback(0);
                throw e;
            }
            happened = tx.changes;
            scheduleLocked();
        }
        fire(happened);
    }

    /**
     * One change in progress, under the widget's lock: values set through it are validated, may set other traits
     * ({@link Trait#then}), and are undone together if anything throws.
     */
    public final class Tx {
        private final List<Change> changes = new ArrayList<>(2);
        private final List<Runnable> undo = new ArrayList<>(2);

        private Tx() {}

        /** The current value of a trait of this widget. */
        public <T> T get(Trait<T> trait) {
            return trait.raw();
        }

        /** Sets a trait of this widget. */
        public <T> void set(Trait<T> trait, Object proposed) {
            if (trait.owner() != Widget.this) {
                throw new IllegalArgumentException(trait.label() + " belongs to another widget than "
                        + Widget.this.getClass().getSimpleName() + "; change it through its own widget");
            }
            store(trait, trait.accept(proposed));
        }

        private <T> void store(Trait<T> trait, T value) {
            T old = trait.raw();
            if (trait.type().same(old, value)) {
                return;
            }
            String name = trait.name();
            boolean wasDirty = dirty.contains(name);
            trait.store(value);
            undo.add(() -> {
                trait.store(old);
                if (!wasDirty) dirty.remove(name);
            });
            if (trait.synced()) {
                dirty.add(name);
            }
            if (observers.containsKey(name)) {
                changes.add(new Change(
                        Widget.this,
                        name,
                        trait.type().copyOut(old),
                        trait.type().copyOut(value)));
            }
            BiConsumer<Tx, T> then = trait.propagation();
            if (then != null) {
                then.accept(this, value);
            }
        }

        /** Sends the trait to the browser with the next update even if its value did not change. */
        public void resend(Trait<?> trait) {
            if (trait.synced()) {
                dirty.add(trait.name());
            }
        }

        <T> void setFromJson(Trait<T> trait, JsonNode json) {
            T value = json.isNull() && trait.type().nullable()
                    ? null
                    : trait.type().fromJson(json);
            if (value == null && !(json.isNull() && trait.type().nullable())) {
                throw new IllegalArgumentException(trait.label() + " cannot be " + json + " (from the browser)");
            }
            set(trait, value);
        }

        long mark() {
            return ((long) undo.size() << 32) | changes.size();
        }

        void rollback(long mark) {
            for (int i = undo.size() - 1; i >= (int) (mark >>> 32); i--) {
                undo.remove(i).run();
            }
            for (int i = changes.size() - 1; i >= (int) mark; i--) {
                changes.remove(i);
            }
        }
    }

    // --- observers and custom messages ---

    /** Calls {@code observer} after every change of trait {@code name}, from Java or from the browser. */
    public Widget observe(String name, Consumer<Change> observer) {
        trait(name);
        observers.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(observer);
        return this;
    }

    /** Stops calling {@code observer} for {@code name}. */
    public Widget unobserve(String name, Consumer<Change> observer) {
        List<Consumer<Change>> list = observers.get(name);
        if (list != null) {
            list.remove(observer);
        }
        return this;
    }

    /** Handles custom messages from the browser: their content and binary buffers. */
    public Widget onCustomMessage(BiConsumer<JsonNode, List<byte[]>> handler) {
        customHandlers.add(handler);
        return this;
    }

    /** Sends a custom message to the browser's model ({@code {"method": "custom", "content": ...}}). */
    public void send(JsonNode content, List<byte[]> buffers) {
        synchronized (lock) {
            Frontend.Channel c = channel();
            if (c == null) {
                return;
            }
            flushLocked(); // the browser sees earlier changes first, as they were made
            ObjectNode data = WireState.JSON.objectNode();
            data.put("method", "custom");
            data.set("content", content);
            sendLocked(data, buffers);
        }
    }

    private void fire(List<Change> changes) {
        for (Change change : changes) {
            List<Consumer<Change>> list = observers.get(change.name());
            if (list == null) continue;
            for (Consumer<Change> observer : list) {
                try {
                    observer.accept(change);
                } catch (RuntimeException e) {
                    Widgets.report("an observer of " + getClass().getSimpleName() + "." + change.name(), e);
                }
            }
        }
    }

    // --- the comm ---

    /** Opens the comm now if a frontend is connected; returns whether the widget is open. */
    public final boolean open() {
        return channel() != null;
    }

    /** Whether the comm is open. */
    public final boolean isOpen() {
        synchronized (lock) {
            return channel != null && !closed;
        }
    }

    /** The model id (the comm id), opening the comm if needed; null when no frontend is connected. */
    public final String modelId() {
        Frontend.Channel c = channel();
        return c == null ? modelId : c.id();
    }

    /** The browser's model name, e.g. "IntSliderModel". */
    public final String modelName() {
        return modelName.raw();
    }

    /** The browser module of the model, e.g. "@jupyter-widgets/controls". */
    public final String modelModule() {
        return modelModule.raw();
    }

    /** The version of that module, e.g. "2.0.0". */
    public final String modelModuleVersion() {
        return modelModuleVersion.raw();
    }

    /** Closes the comm: the browser removes every view of the widget. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            dirty.clear();
            if (channel != null) {
                Widgets.unregister(this);
                try {
                    channel.close();
                } catch (RuntimeException e) {
                    // already closed by the browser
                }
            }
        }
    }

    /** Sends the pending changes now instead of when {@link SendPolicy} would. */
    public final void flush() {
        synchronized (lock) {
            flushLocked();
        }
    }

    /** The full state as the browser gets it (ipywidgets' {@code get_state()}); bytes are binary nodes. */
    public final ObjectNode state() {
        synchronized (lock) {
            return stateLocked(keys());
        }
    }

    private ObjectNode stateLocked(Iterable<String> keys) {
        ObjectNode state = WireState.JSON.objectNode();
        for (String key : keys) {
            state.set(key, json(traits.get(key)));
        }
        return state;
    }

    private static <T> JsonNode json(Trait<T> trait) {
        return trait.type().toJson(trait.raw());
    }

    /** The open channel, opening it first if a frontend is connected; null if none or closed. */
    final Frontend.Channel channel() {
        synchronized (lock) {
            if (channel != null || closed) {
                return closed ? null : channel;
            }
            Frontend frontend = Widgets.frontend();
            if (frontend == null) {
                return null;
            }
            WireState.Split split = WireState.split(stateLocked(keys())); // opens referenced widgets first
            ObjectNode data = WireState.JSON.objectNode();
            data.set("state", split.state());
            data.set("buffer_paths", split.bufferPaths());
            ObjectNode metadata = WireState.JSON.objectNode().put("version", PROTOCOL_VERSION);
            channel = frontend.open("jupyter.widget", data, split.buffers(), metadata, new Receiver());
            modelId = channel.id();
            dirty.clear();
            Widgets.register(this);
            return channel;
        }
    }

    /** The id another widget's state refers to this one by ("IPY_MODEL_" + id), opening the comm if needed. */
    final String referenceId() {
        String id = modelId();
        if (id == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no model id: no notebook frontend is "
                    + "connected (widgets show only inside the Bighead kernel)");
        }
        return id;
    }

    private void scheduleLocked() {
        if (dirty.isEmpty()) {
            return;
        }
        pace.changed();
        if (!scheduled && channel != null && !closed) {
            scheduled = true;
            Sender.schedule(this, pace.delayNanos(System.nanoTime())); // when: see SendPolicy
        }
    }

    private void flushLocked() {
        scheduled = false;
        if (channel == null || closed || dirty.isEmpty()) {
            return;
        }
        ObjectNode state;
        try {
            state = stateLocked(dirty);
        } finally {
            dirty.clear();
        }
        pace.sent(System.nanoTime());
        sendStateLocked("update", state);
    }

    private void sendStateLocked(String method, ObjectNode state) {
        WireState.Split split = WireState.split(state);
        sendLocked(WireState.stateMessage(method, split), split.buffers());
    }

    private void sendLocked(ObjectNode data, List<byte[]> buffers) {
        try {
            channel.send(data, buffers == null ? List.of() : buffers);
        } catch (IllegalStateException e) {
            closed = true; // the browser closed the comm meanwhile
            Widgets.unregister(this);
        }
    }

    // --- messages from the browser (on the kernel's shell thread) ---

    private final class Receiver implements Frontend.Receiver {
        @Override
        public void received(ObjectNode data, List<byte[]> buffers) {
            try {
                switch (data.path("method").asText("")) {
                    case "update" -> {
                        if (data.get("state") instanceof ObjectNode state) {
                            WireState.putBuffers(state, data.get("buffer_paths"), buffers);
                            fromFrontend(state);
                        }
                    }
                    case "request_state" -> sendFullState();
                    case "custom" -> custom(data.path("content"), buffers);
                    default ->
                        Widgets.report(
                                Widget.this.getClass().getSimpleName() + " got a message with unknown method "
                                        + data.path("method"),
                                null);
                }
            } catch (RuntimeException e) {
                Widgets.report(
                        "handling a browser message for "
                                + Widget.this.getClass().getSimpleName(),
                        e);
            }
        }

        @Override
        public void closed() {
            synchronized (lock) {
                closed = true;
                dirty.clear();
                Widgets.unregister(Widget.this);
            }
        }
    }

    private void fromFrontend(ObjectNode state) {
        List<Change> happened;
        synchronized (lock) {
            if (channel == null || closed) {
                return;
            }
            if (Widgets.ECHO) {
                // sent at once, on this thread: the browser matches it to its update by the parent msg_id
                ObjectNode echo = WireState.JSON.objectNode();
                state.properties().forEach(e -> {
                    Trait<?> t = traits.get(e.getKey());
                    if (t != null && t.synced() && t.echoes()) echo.set(e.getKey(), e.getValue());
                });
                if (!echo.isEmpty()) {
                    sendStateLocked("echo_update", echo);
                }
            }
            Tx tx = new Tx();
            state.properties().forEach(e -> {
                Trait<?> t = traits.get(e.getKey());
                if (t == null || !t.synced() || t.isReadOnly()) {
                    return;
                }
                long mark = tx.mark();
                try {
                    tx.setFromJson(t, e.getValue());
                } catch (RuntimeException ex) {
                    tx.rollback(mark);
                    tx.resend(t); // the browser shows the refused value: send it the kernel's
                    Widgets.report(
                            "the browser's " + e.getKey() + " for " + getClass().getSimpleName(), ex);
                }
            });
            // the browser has these values already: send back only what validation changed (a clamped value)
            state.properties().forEach(e -> {
                Trait<?> t = traits.get(e.getKey());
                if (t != null && dirty.contains(e.getKey()) && sameJson(json(t), e.getValue())) {
                    dirty.remove(e.getKey());
                }
            });
            happened = tx.changes;
            scheduleLocked();
        }
        fire(happened);
    }

    private static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble(); // 5 from the browser is 5.0 here, as in Python
        }
        return a.equals(b);
    }

    private void sendFullState() {
        synchronized (lock) {
            if (channel == null || closed) {
                return;
            }
            // answered at once, so the reply's parent is the request (the frontend matches them)
            sendStateLocked("update", stateLocked(keys()));
        }
    }

    private void custom(JsonNode content, List<byte[]> buffers) {
        for (BiConsumer<JsonNode, List<byte[]>> handler : customHandlers) {
            try {
                handler.accept(content, buffers);
            } catch (RuntimeException e) {
                Widgets.report("a custom message handler of " + getClass().getSimpleName(), e);
            }
        }
    }

    // --- display ---

    /** The widget view for the notebook (model id, protocol 2.0 view) and a text form like Python's repr. */
    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        String text = toString();
        bundle.put(TEXT_PLAIN, text.length() > REPR_LIMIT ? text.substring(0, REPR_LIMIT) + "…" : text);
        if (viewName.raw() != null) {
            Frontend.Channel c = channel();
            if (c != null) {
                flush();
                ObjectNode view = WireState.JSON.objectNode();
                view.put("version_major", 2);
                view.put("version_minor", 0);
                view.put("model_id", c.id());
                bundle.put(VIEW_MIME, view);
            }
        }
        return bundle;
    }

    /** Like Python's repr: the class and the traits that differ from their defaults, value first. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", getClass().getSimpleName() + "(", ")");
        for (String key : reprKeys()) {
            text.add(key + "=" + reprValue(key));
        }
        return text.toString();
    }

    /** How {@link #toString} shows trait {@code key}: Python's repr of the value. */
    protected String reprValue(String key) {
        return Py.repr(traits.get(key).raw());
    }

    /** The traits {@link #toString} shows. */
    protected List<String> reprKeys() {
        List<String> keys = new ArrayList<>();
        for (Trait<?> t : traits.values()) {
            if (t.name().equals("value") && t.synced()) {
                keys.add(0, "value");
            } else if (t.synced() && !t.name().startsWith("_") && differs(t)) {
                keys.add(t.name());
            }
        }
        return Collections.unmodifiableList(keys);
    }

    private <T> boolean differs(Trait<T> t) {
        T value = t.raw();
        boolean hiddenWhenPlain =
                t.name().equals("layout") || (t.name().equals("style") && this instanceof DescriptionWidget<?, ?>);
        if (value instanceof Widget w && hiddenWhenPlain) {
            return !w.reprKeys().isEmpty(); // as ipywidgets: a layout or style that is still "Layout()" is not shown
        }
        return value instanceof Widget || !t.type().same(value, t.defaultValue());
    }
}
