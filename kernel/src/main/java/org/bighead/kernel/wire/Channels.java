package org.bighead.kernel.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel's sockets and the threads that own them: heartbeat echoes; shell and control receive with blocking
 * reads (no polling sleeps) and hand each message to a handler; IOPub and stdin have their own owners. Replies to
 * shell requests may come from any thread: they travel to the shell thread over an in-process socket, because a
 * ZeroMQ socket must only ever be used by one thread.
 */
public final class Channels implements AutoCloseable {
    private static final String SHELL_OUT = "inproc://bighead-shell-out";

    private final ZContext context = new ZContext(1);
    private final ConnectionInfo info;
    private final Codec codec;
    private final Consumer<String> log;
    private final Iopub iopub;
    private final Stdin stdin;
    private final List<Thread> threads = new ArrayList<>();
    private final ThreadLocal<ZMQ.Socket> shellOut;
    private volatile Thread shellThread;
    private volatile ZMQ.Socket shellSocket;
    private volatile Consumer<Message> replyControl; // used by the control thread only

    /** Binds every socket; handlers start receiving on {@link #start}. */
    public Channels(ConnectionInfo info, Codec codec, Consumer<String> log) {
        this.info = info;
        this.codec = codec;
        this.log = log;
        this.iopub = new Iopub(context, info.address(info.iopubPort()), codec);
        this.stdin = new Stdin(context, info.address(info.stdinPort()), codec, log);
        this.shellOut = ThreadLocal.withInitial(() -> {
            ZMQ.Socket push = context.createSocket(SocketType.PUSH);
            push.connect(SHELL_OUT);
            return push;
        });
    }

    /** Starts the heartbeat, shell and control threads. */
    public void start(Consumer<Message> onShell, Consumer<Message> onControl) {
        ZMQ.Socket hb = context.createSocket(SocketType.REP);
        hb.bind(info.address(info.hbPort()));
        ZMQ.Socket shell = context.createSocket(SocketType.ROUTER);
        shell.bind(info.address(info.shellPort()));
        ZMQ.Socket pull = context.createSocket(SocketType.PULL);
        pull.bind(SHELL_OUT);
        ZMQ.Socket control = context.createSocket(SocketType.ROUTER);
        control.bind(info.address(info.controlPort()));
        shellSocket = shell;
        replyControl = message -> send(control, codec.encode(message));

        spawn("bighead-heartbeat", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] ping = hb.recv(0);
                if (ping == null) return;
                hb.send(ping, 0);
            }
        });
        spawn("bighead-control", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                List<byte[]> frames = receive(control);
                if (frames == null) return;
                Message m = codec.decode(frames, log);
                if (m != null) dispatch(onControl, m);
            }
        });
        spawn("bighead-shell", () -> {
            shellThread = Thread.currentThread();
            ZMQ.Poller poller = context.createPoller(2);
            poller.register(shell, ZMQ.Poller.POLLIN);
            poller.register(pull, ZMQ.Poller.POLLIN);
            while (!Thread.currentThread().isInterrupted()) {
                if (poller.poll(-1) < 0) return;
                if (poller.pollin(1)) {
                    List<byte[]> reply = receive(pull);
                    if (reply != null) send(shell, reply);
                }
                if (poller.pollin(0)) {
                    List<byte[]> frames = receive(shell);
                    if (frames == null) return;
                    Message m = codec.decode(frames, log);
                    if (m != null) dispatch(onShell, m);
                }
            }
        });
    }

    private void dispatch(Consumer<Message> handler, Message m) {
        try {
            handler.accept(m);
        } catch (RuntimeException e) {
            // a bug in one handler must not kill the channel: log it and keep serving
            log.accept("handler for " + m.type() + " failed: " + e);
        }
    }

    /** Sends a reply on the shell channel, from any thread. */
    public void replyShell(Message reply) {
        List<byte[]> frames = codec.encode(reply);
        if (Thread.currentThread() == shellThread) {
            send(shellSocket, frames);
        } else {
            send(shellOut.get(), frames);
        }
    }

    /** Sends a reply on the control channel (from the control thread). */
    public void replyControl(Message reply) {
        replyControl.accept(reply);
    }

    /** The IOPub publisher. */
    public Iopub iopub() {
        return iopub;
    }

    /** The stdin channel, for input() during a cell. */
    public Stdin stdin() {
        return stdin;
    }

    private void spawn(String name, Runnable body) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (org.zeromq.ZMQException | IllegalStateException closed) {
                        // the context is shutting down
                    }
                },
                name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    static List<byte[]> receive(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv(0);
            if (frame == null) return null;
            frames.add(frame);
        } while (socket.hasReceiveMore());
        return frames;
    }

    static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    @Override
    public void close() {
        iopub.close();
        stdin.close();
        context.close();
    }
}
