package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A notebook frontend in memory: records what widgets send (comm_open, comm_msg, comm_close, in order) and plays
 * the browser's side ({@link #fromBrowser}). Comm ids are "m1", "m2"... in opening order, as in the Python captures.
 */
final class FakeFrontend implements Frontend {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One message to the browser. */
    record Sent(String type, String commId, String target, ObjectNode data, ObjectNode metadata, List<byte[]> buffers) {
        String method() {
            return data.path("method").asText(null);
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    private final Map<String, Opener> targets = new ConcurrentHashMap<>();
    private volatile String requestId = "";
    private int nextId;

    /** Connects a fresh fake to the widgets. */
    static FakeFrontend connect() {
        FakeFrontend frontend = new FakeFrontend();
        Widgets.connect(frontend);
        return frontend;
    }

    @Override
    public synchronized Channel open(
            String target, ObjectNode data, List<byte[]> buffers, ObjectNode metadata, Receiver receiver) {
        String id = "m" + ++nextId;
        sent.add(new Sent("comm_open", id, target, data, metadata, List.copyOf(buffers)));
        receivers.put(id, receiver);
        return channel(id);
    }

    private Channel channel(String id) {
        return new Channel() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void send(ObjectNode data, List<byte[]> buffers) {
                record(new Sent("comm_msg", id, null, data, null, List.copyOf(buffers)));
            }

            @Override
            public void close() {
                record(new Sent("comm_close", id, null, JSON.createObjectNode(), null, List.of()));
                receivers.remove(id);
            }
        };
    }

    private synchronized void record(Sent message) {
        sent.add(message);
        notifyAll();
    }

    @Override
    public void onOpen(String target, Opener opener) {
        targets.put(target, opener);
    }

    @Override
    public String currentRequestId() {
        return requestId;
    }

    void runningRequest(String msgId) {
        this.requestId = msgId;
    }

    /** Everything sent so far. */
    synchronized List<Sent> sent() {
        return new ArrayList<>(sent);
    }

    /** What was sent on one comm, comm_open included. */
    synchronized List<Sent> sentOn(String commId) {
        return sent.stream().filter(m -> m.commId().equals(commId)).toList();
    }

    /** comm_msgs on one comm with this method. */
    List<Sent> messages(String commId, String method) {
        return sentOn(commId).stream()
                .filter(m -> m.type().equals("comm_msg") && method.equals(m.method()))
                .toList();
    }

    synchronized void forget() {
        sent.clear();
    }

    /** Waits (at most 5 s) until a message matching {@code condition} has been sent on the comm. */
    synchronized Sent await(String commId, Predicate<Sent> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000; // a deadline for a stuck test, not a figure
        while (true) {
            for (Sent m : sent) {
                if (m.commId().equals(commId) && condition.test(m)) return m;
            }
            long left = deadline - System.currentTimeMillis();
            assertThat(left)
                    .as("waiting for a message on " + commId + "; sent: " + sent)
                    .isPositive();
            wait(left);
        }
    }

    /** The browser sends {@code data} (JSON text) on a comm. */
    void fromBrowser(String commId, String data, byte[]... buffers) {
        try {
            receivers.get(commId).received((ObjectNode) JSON.readTree(data), List.of(buffers));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The browser closes a comm. */
    void closeFromBrowser(String commId) {
        receivers.remove(commId).closed();
    }

    /** The browser opens a comm to a kernel target; returns its id. */
    String openFromBrowser(String target) {
        String id;
        synchronized (this) {
            id = "m" + ++nextId;
        }
        receivers.put(id, targets.get(target).opened(channel(id), JSON.createObjectNode(), List.of()));
        return id;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
