package org.bighead.widgets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.viz.Displayable;

/**
 * What widgets need from a Jupyter kernel: comms to the notebook frontend, and the request being run. The kernel
 * implements it and hands it to {@link Widgets#connect}; tests pass a fake. Widgets never depend on the kernel.
 *
 * <p>Threading: {@link Channel#send} and {@link #open} may be called from any thread. {@link Receiver} callbacks run
 * on the kernel's shell thread as the browser's messages arrive (even while a cell runs); a message sent from inside
 * a callback must carry that browser message as its parent ({@code echo_update} relies on it).
 */
public interface Frontend {

    /** Opens a comm to {@code target} in the frontend (comm_open); the browser's messages on it go to receiver. */
    Channel open(String target, ObjectNode data, List<byte[]> buffers, ObjectNode metadata, Receiver receiver);

    /** Accepts comms the frontend opens to {@code target}; the opener returns who receives their messages. */
    void onOpen(String target, Opener opener);

    /** The msg_id of the request being run (the cell), or "" when none: the Output widget captures by it. */
    String currentRequestId();

    /**
     * The MIME bundle the notebook would show for {@code value} (for the Output widget's {@code outputs}). The kernel
     * renders tables, images and the rest its own way; this default knows only {@link Displayable} and text.
     */
    default ObjectNode render(Object value) {
        return renderPlain(value);
    }

    /**
     * Shows {@code value} in the running cell's output now, as the notebook's {@code display(value)} does (a widget
     * as its view), so a helper like {@code TrainingMonitor.show()} can show itself and return. The kernel implements
     * it; this default throws, for frontends that only carry comms.
     */
    default void display(Object value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot display "
                + value.getClass().getSimpleName() + "; end the cell with it to show it");
    }

    /** The bundle of a {@link Displayable}, and text/plain for anything: what widgets know without a kernel. */
    static ObjectNode renderPlain(Object value) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        if (value instanceof Displayable d) {
            for (Map.Entry<String, Object> e : d.mimeBundle().entrySet()) {
                bundle.set(e.getKey(), WireState.MAPPER.valueToTree(e.getValue()));
            }
        }
        if (!bundle.has("text/plain")) {
            bundle.put("text/plain", String.valueOf(value));
        }
        return bundle;
    }

    /** One open comm. */
    interface Channel {
        /** The comm id (for a widget, its model id). */
        String id();

        /** Sends a comm_msg with binary buffers. */
        void send(ObjectNode data, List<byte[]> buffers);

        /** Closes the comm from the kernel side (comm_close). */
        void close();
    }

    /** Hears the browser's side of one comm. */
    interface Receiver {
        /** A comm_msg from the browser: its data and binary buffers. */
        void received(ObjectNode data, List<byte[]> buffers);

        /** The browser closed the comm. */
        default void closed() {}
    }

    /** Accepts a comm the browser opened. */
    @FunctionalInterface
    interface Opener {
        /** The browser opened {@code channel} with this data; returns who hears its messages. */
        Receiver opened(Channel channel, ObjectNode data, List<byte[]> buffers);
    }
}
