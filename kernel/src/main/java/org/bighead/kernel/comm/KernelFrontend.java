package org.bighead.kernel.comm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bighead.kernel.display.Display;
import org.bighead.kernel.display.MimeRenderer;
import org.bighead.kernel.io.CellContext;
import org.bighead.widgets.Frontend;

/**
 * The kernel side of the widgets' {@link Frontend}: widget comms are the kernel's {@link Comms}, the running request
 * is the current cell, Output widgets render values as cells do, and widgets display themselves as
 * {@code display(value)} does. Wired once at startup:
 * {@code Widgets.connect(new KernelFrontend(kernel.comms()))}.
 */
public final class KernelFrontend implements Frontend {
    private final Comms comms;

    /** Widgets over these comms (the running kernel's, {@code kernel.comms()}). */
    public KernelFrontend(Comms comms) {
        this.comms = comms;
    }

    @Override
    public Channel open(String target, ObjectNode data, List<byte[]> buffers, ObjectNode metadata, Receiver receiver) {
        Comm comm = comms.open(target, data, buffers, metadata);
        listen(comm, receiver);
        return channel(comm);
    }

    @Override
    public void onOpen(String target, Opener opener) {
        comms.registerTarget(
                target, (comm, data, buffers) -> listen(comm, opener.opened(channel(comm), data, buffers)));
    }

    @Override
    public String currentRequestId() {
        CellContext cell = CellContext.current();
        return cell == null ? "" : cell.parent().path("msg_id").asText("");
    }

    @Override
    public ObjectNode render(Object value) {
        return (ObjectNode) MimeRenderer.toJson(MimeRenderer.render(value));
    }

    /** Shows the value in the running cell's output, as a cell's {@code display(value)} does. */
    @Override
    public void display(Object value) {
        Display.display(value);
    }

    private static void listen(Comm comm, Receiver receiver) {
        if (receiver != null) {
            comm.onMessage(receiver::received).onClose(data -> receiver.closed());
        }
    }

    private static Channel channel(Comm comm) {
        return new Channel() {
            @Override
            public String id() {
                return comm.id();
            }

            @Override
            public void send(ObjectNode data, List<byte[]> buffers) {
                comm.send(data, buffers);
            }

            @Override
            public void close() {
                comm.close();
            }
        };
    }
}
