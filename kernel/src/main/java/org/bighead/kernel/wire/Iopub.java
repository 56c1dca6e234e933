package org.bighead.kernel.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The IOPub channel. Any thread may publish; one thread owns the socket and sends, so a user thread stopped
 * mid-cell can never leave a half-written message. Consecutive stream messages for the same cell and stream are
 * merged, so a training loop printing thousands of lines does not flood the frontend.
 */
public final class Iopub implements AutoCloseable {
    private static final Message STOP = Message.create(List.of(), "stop", null, null, null);

    private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final Codec codec;
    private final Thread thread;
    private final ZMQ.Socket socket;

    Iopub(ZContext context, String address, Codec codec) {
        this.codec = codec;
        this.socket = context.createSocket(SocketType.PUB);
        socket.setLinger(1000);
        socket.bind(address);
        this.thread = new Thread(this::run, "bighead-iopub");
        thread.setDaemon(true);
        thread.start();
    }

    /** Publishes {@code type} with {@code content}, caused by the request whose header is {@code parent}. */
    public void publish(String type, ObjectNode parent, ObjectNode content) {
        publish(type, parent, content, null);
    }

    /** Publishes with binary buffers (widgets). */
    public void publish(String type, ObjectNode parent, ObjectNode content, List<byte[]> buffers) {
        publish(type, parent, content, buffers, null);
    }

    /** Publishes with binary buffers and message metadata (widgets send their protocol version there). */
    public void publish(String type, ObjectNode parent, ObjectNode content, List<byte[]> buffers, ObjectNode metadata) {
        Message m = Message.create(List.of(type.getBytes(StandardCharsets.UTF_8)), type, parent, content, buffers);
        if (metadata != null) {
            m.metadata().setAll(metadata);
        }
        queue.add(m);
    }

    /** Publishes kernel status ("busy", "idle", "starting"). */
    public void status(ObjectNode parent, String state) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("execution_state", state);
        publish("status", parent, content);
    }

    /** Publishes text on "stdout" or "stderr". */
    public void stream(ObjectNode parent, String name, String text) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("name", name);
        content.put("text", text);
        publish("stream", parent, content);
    }

    /** Waits until everything published so far has been handed to ZeroMQ (or the timeout passes). */
    public void drain(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @SuppressWarnings("ReferenceEquality") // STOP is a sentinel: the very object, not an equal message
    private void run() {
        List<Message> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                for (int i = 0; i < batch.size(); i++) {
                    Message m = batch.get(i);
                    if (m == STOP) {
                        return;
                    }
                    if (m.type().equals("stream")) {
                        StringBuilder text = null;
                        while (i + 1 < batch.size() && sameStream(m, batch.get(i + 1))) {
                            if (text == null)
                                text = new StringBuilder(
                                        m.content().path("text").asText());
                            text.append(batch.get(++i).content().path("text").asText());
                        }
                        if (text != null) m.content().put("text", text.toString());
                    }
                    send(codec.encode(m));
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean sameStream(Message a, Message b) {
        return b.type().equals("stream")
                && a.content()
                        .path("name")
                        .asText()
                        .equals(b.content().path("name").asText())
                && a.parentHeader()
                        .path("msg_id")
                        .asText()
                        .equals(b.parentHeader().path("msg_id").asText());
    }

    private void send(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
