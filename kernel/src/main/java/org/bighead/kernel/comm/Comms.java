package org.bighead.kernel.comm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bighead.kernel.io.CellContext;
import org.bighead.kernel.wire.Iopub;
import org.bighead.kernel.wire.Message;

/**
 * The kernel's comms: targets the frontend may open comms to, comms the kernel opens, and the routing of
 * comm_open / comm_msg / comm_close / comm_info. Thread-safe.
 */
public final class Comms {
    /** Called when the frontend opens a comm to a target: the new comm, the open message's data and buffers. */
    @FunctionalInterface
    public interface Target {
        void opened(Comm comm, ObjectNode data, List<byte[]> buffers);
    }

    private static volatile Comms instance;

    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Map<String, Comm> open = new ConcurrentHashMap<>();
    private final Iopub iopub;
    private final Consumer<String> log;
    // the header of the frontend message this thread is handling, parent of what its handler publishes; per thread,
    // so a widget flushed meanwhile by another thread is not attributed to that message
    @SuppressWarnings("ThreadLocalUsage") // one Comms per kernel; per instance keeps tests' kernels apart
    private final ThreadLocal<ObjectNode> handling = new ThreadLocal<>();

    public Comms(Iopub iopub, Consumer<String> log) {
        this.iopub = iopub;
        this.log = log;
        instance = this;
    }

    /** The running kernel's comms (for widget libraries); throws outside a kernel. */
    public static Comms get() {
        Comms c = instance;
        if (c == null) {
            throw new IllegalStateException("no kernel is running: comms exist only inside the Bighead kernel");
        }
        return c;
    }

    /** Lets the frontend open comms to {@code name}. */
    public void registerTarget(String name, Target target) {
        targets.put(name, target);
    }

    /** Opens a comm from the kernel side. */
    public Comm open(String target, ObjectNode data, List<byte[]> buffers, ObjectNode metadata) {
        Comm comm = new Comm(UUID.randomUUID().toString().replace("-", ""), target, this);
        open.put(comm.id(), comm);
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("comm_id", comm.id());
        content.put("target_name", target);
        content.set("data", data == null ? JsonNodeFactory.instance.objectNode() : data);
        publish("comm_open", content, buffers, metadata);
        return comm;
    }

    /** The open comm with that id, if any. */
    public Comm comm(String id) {
        return open.get(id);
    }

    /** comm_info: open comms, optionally only those of one target. */
    public ObjectNode info(String targetName) {
        ObjectNode comms = JsonNodeFactory.instance.objectNode();
        open.values().stream()
                .filter(c ->
                        targetName == null || targetName.isEmpty() || c.target().equals(targetName))
                .forEach(c -> comms.putObject(c.id()).put("target_name", c.target()));
        return comms;
    }

    /** Handles comm_open, comm_msg or comm_close from the frontend. */
    public void handle(Message message) {
        String id = message.content().path("comm_id").asText();
        handling.set(message.header());
        try {
            switch (message.type()) {
                case "comm_open" -> opened(message, id);
                case "comm_msg" -> {
                    Comm comm = open.get(id);
                    if (comm == null) {
                        log.accept("comm_msg for unknown comm " + id);
                    } else {
                        comm.received(message);
                    }
                }
                case "comm_close" -> {
                    Comm comm = open.remove(id);
                    if (comm != null) {
                        ObjectNode data = message.content().path("data").isObject()
                                ? (ObjectNode) message.content().get("data")
                                : JsonNodeFactory.instance.objectNode();
                        comm.closedByFrontend(data);
                    }
                }
                default -> log.accept("not a comm message: " + message.type());
            }
        } catch (RuntimeException e) {
            log.accept("comm handler failed for " + message.type() + " on " + id + ": " + e);
        } finally {
            handling.remove();
        }
    }

    private void opened(Message message, String id) {
        String targetName = message.content().path("target_name").asText();
        Target target = targets.get(targetName);
        Comm comm = new Comm(id, targetName, this);
        if (target == null) {
            // the spec: refuse by closing the comm straight away
            log.accept("comm_open for unknown target '" + targetName + "'");
            comm.close();
            return;
        }
        open.put(id, comm);
        ObjectNode data = message.content().path("data").isObject()
                ? (ObjectNode) message.content().get("data")
                : JsonNodeFactory.instance.objectNode();
        target.opened(comm, data, message.buffers());
    }

    void forget(String id) {
        open.remove(id);
    }

    void publish(String type, ObjectNode content, List<byte[]> buffers) {
        publish(type, content, buffers, null);
    }

    private void publish(String type, ObjectNode content, List<byte[]> buffers, ObjectNode metadata) {
        ObjectNode parent = handling.get();
        if (parent == null) {
            CellContext cell = CellContext.current();
            parent = cell == null ? null : cell.parent();
        }
        iopub.publish(type, parent, content, buffers, metadata);
    }
}
