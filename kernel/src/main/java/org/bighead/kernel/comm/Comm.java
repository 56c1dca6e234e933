package org.bighead.kernel.comm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.bighead.kernel.wire.Message;

/**
 * One end of a comm channel between kernel and frontend (what ipywidgets are built on). Thread-safe: any thread
 * may send; handlers run on the kernel's shell thread as the frontend's messages arrive, even while a cell runs.
 */
public final class Comm {
    private final String id;
    private final String target;
    private final Comms comms;
    private volatile BiConsumer<ObjectNode, List<byte[]>> onMessage = (data, buffers) -> {};
    private volatile Consumer<ObjectNode> onClose = data -> {};
    private volatile boolean closed;

    Comm(String id, String target, Comms comms) {
        this.id = id;
        this.target = target;
        this.comms = comms;
    }

    /** The comm id. */
    public String id() {
        return id;
    }

    /** The target name it was opened with. */
    public String target() {
        return target;
    }

    /** Whether either side closed it. */
    public boolean isClosed() {
        return closed;
    }

    /** Sends {@code data} to the frontend. */
    public void send(ObjectNode data) {
        send(data, List.of());
    }

    /** Sends {@code data} with binary buffers. */
    public void send(ObjectNode data, List<byte[]> buffers) {
        if (closed) {
            throw new IllegalStateException("comm " + id + " (" + target + ") is closed");
        }
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("comm_id", id);
        content.set("data", data);
        comms.publish("comm_msg", content, buffers);
    }

    /** Handles the frontend's messages (data, buffers). */
    public Comm onMessage(BiConsumer<ObjectNode, List<byte[]>> handler) {
        this.onMessage = handler;
        return this;
    }

    /** Handles the frontend closing the comm. */
    public Comm onClose(Consumer<ObjectNode> handler) {
        this.onClose = handler;
        return this;
    }

    /** Closes from the kernel side. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("comm_id", id);
        content.putObject("data");
        comms.publish("comm_close", content, List.of());
        comms.forget(id);
    }

    void received(Message message) {
        ObjectNode data =
                message.content().has("data") && message.content().get("data").isObject()
                        ? (ObjectNode) message.content().get("data")
                        : JsonNodeFactory.instance.objectNode();
        onMessage.accept(data, message.buffers());
    }

    void closedByFrontend(ObjectNode data) {
        closed = true;
        onClose.accept(data);
    }
}
