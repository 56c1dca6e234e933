package org.bighead.kernel.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The stdin channel: a cell asks the frontend for a line of input. The asking thread only waits on a future, so
 * interrupting or stopping it is safe; the socket belongs to this channel's own thread.
 */
public final class Stdin implements AutoCloseable {
    private record Request(Message request, String prompt, boolean password, CompletableFuture<String> answer) {}

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Thread thread;

    Stdin(ZContext context, String address, Codec codec, Consumer<String> log) {
        ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
        socket.bind(address);
        socket.setReceiveTimeOut(200);
        this.thread = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            Request r = requests.take();
                            ObjectNode content = JsonNodeFactory.instance.objectNode();
                            content.put("prompt", r.prompt());
                            content.put("password", r.password());
                            Message ask = Message.create(
                                    r.request().identities(),
                                    "input_request",
                                    r.request().header(),
                                    content,
                                    null);
                            Channels.send(socket, codec.encode(ask));
                            while (!r.answer().isDone()) {
                                List<byte[]> frames = Channels.receive(socket);
                                if (frames == null) continue; // timeout: check whether the cell gave up
                                Message reply = codec.decode(frames, log);
                                if (reply != null && reply.type().equals("input_reply")) {
                                    r.answer()
                                            .complete(reply.content()
                                                    .path("value")
                                                    .asText(""));
                                }
                            }
                        }
                    } catch (InterruptedException | org.zeromq.ZMQException | IllegalStateException e) {
                        // shutting down
                    }
                },
                "bighead-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the frontend that sent {@code request} for a line; the future completes with the answer. */
    public CompletableFuture<String> ask(Message request, String prompt, boolean password) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        requests.add(new Request(request, prompt, password, answer));
        return answer;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
