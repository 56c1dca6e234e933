package org.bighead.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP load generator: POSTs the same body at a fixed rate over kept-alive connections and reports
 * latency percentiles. Request k is due at {@code start + k / rate} whatever happened to earlier requests, and
 * its latency is measured from that due time, not from when a connection was free to send it: a stall therefore
 * shows in the percentiles instead of silently lowering the rate (wrk, being closed-loop, hides it).
 *
 * <p>Two threads: a sender that sleeps until each due time and writes the request on an idle connection, and a
 * reader that waits on a selector for responses. Prints one line of {@code key=value} figures; latencies only
 * of requests due after the warm-up.
 *
 * <p>Usage: {@code FixedRateLoad --url http://127.0.0.1:8080/path --body FILE --rate N [--seconds S]
 * [--warmup S] [--connections C]}
 */
public final class FixedRateLoad {
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long UNANSWERED = Long.MIN_VALUE;
    private static final long FAILED = -1;

    private final InetSocketAddress address;
    private final byte[] request;
    private final double rate;
    private final int total;
    private final int warmup;
    private final long[] latency; // per request: nanos from due to response, FAILED, or UNANSWERED
    private final ArrayBlockingQueue<Connection> idle;
    private final Selector selector;
    private final AtomicInteger completed = new AtomicInteger();
    private volatile long start;
    private volatile boolean senderDone;
    private volatile String firstError;
    private long maxSendSlip; // how late the sender got to a measured request: the client's own lag

    private FixedRateLoad(URI url, byte[] body, double rate, double seconds, double warmupSeconds, int connections)
            throws IOException {
        this.address = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
        String path = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + address.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        this.request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        this.rate = rate;
        this.warmup = (int) Math.round(rate * warmupSeconds);
        this.total = warmup + (int) Math.round(rate * seconds);
        this.latency = new long[total];
        Arrays.fill(latency, UNANSWERED);
        this.idle = new ArrayBlockingQueue<>(connections);
        this.selector = Selector.open();
        for (int i = 0; i < connections; i++) {
            idle.add(connect());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        FixedRateLoad load = new FixedRateLoad(
                URI.create(required(o, "--url")),
                Files.readAllBytes(Path.of(required(o, "--body"))),
                Double.parseDouble(required(o, "--rate")),
                Double.parseDouble(o.getOrDefault("--seconds", "10")),
                Double.parseDouble(o.getOrDefault("--warmup", "2")),
                Integer.parseInt(o.getOrDefault("--connections", "32")));
        System.out.println(load.run());
    }

    private String run() throws Exception {
        Thread reader = new Thread(this::readLoop, "reader");
        start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        reader.start();
        sendLoop();
        reader.join();
        return summary();
    }

    private long due(int k) {
        return start + (long) (k * 1e9 / rate);
    }

    private void sendLoop() throws InterruptedException {
        try {
            for (int k = 0; k < total; k++) {
                long due = due(k);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                Connection c = idle.take(); // all busy: the request waits, and its latency counts the wait
                if (k >= warmup) {
                    maxSendSlip = Math.max(maxSendSlip, System.nanoTime() - due);
                }
                c.send(k);
            }
        } finally {
            senderDone = true;
            selector.wakeup();
        }
    }

    private void readLoop() {
        long deadline = Long.MAX_VALUE;
        try {
            while (completed.get() < total) {
                if (senderDone && deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + DRAIN_NANOS;
                }
                if (System.nanoTime() > deadline) {
                    error("no response within 5 s after the last request");
                    return;
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Connection) key.attachment()).readable();
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            error("reader failed: " + e);
        } finally {
            // wake a sender stuck waiting for a connection that will not come back
            if (!senderDone) {
                try {
                    idle.offer(connect());
                } catch (IOException ignored) {
                    // the sender's own write then fails and ends it
                }
            }
        }
    }

    private Connection connect() throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        Connection c = new Connection(channel);
        selector.wakeup();
        channel.register(selector, SelectionKey.OP_READ, c);
        return c;
    }

    private void error(String message) {
        if (firstError == null) {
            firstError = message;
        }
    }

    private String summary() {
        long[] ok = new long[total - warmup];
        int n = 0;
        int failed = 0;
        int unanswered = 0;
        for (int k = warmup; k < total; k++) {
            if (latency[k] == UNANSWERED) {
                unanswered++;
            } else if (latency[k] == FAILED) {
                failed++;
            } else {
                ok[n++] = latency[k];
            }
        }
        Arrays.sort(ok, 0, n);
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "rate=%.0f measured=%d ok=%d failed=%d unanswered=%d",
                rate,
                total - warmup,
                n,
                failed,
                unanswered));
        for (double p : new double[] {50, 90, 99, 99.9}) {
            out.append(String.format(
                    Locale.ROOT,
                    " p%s_ms=%.3f",
                    p == (int) p ? String.valueOf((int) p) : "999",
                    n == 0 ? Double.NaN : ok[Math.min(n - 1, (int) Math.ceil(p / 100 * n) - 1)] / 1e6));
        }
        out.append(String.format(
                Locale.ROOT,
                " max_ms=%.3f max_send_slip_ms=%.3f",
                n == 0 ? Double.NaN : ok[n - 1] / 1e6,
                maxSendSlip / 1e6));
        if (firstError != null) {
            out.append(" error=\"").append(firstError.replace('"', '\'')).append('"');
        }
        return out.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        return o;
    }

    private static String required(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name
                    + " (usage: --url URL --body FILE --rate N [--seconds S] [--warmup S] [--connections C])");
        }
        return value;
    }

    /** One kept-alive connection: at most one request in flight (no pipelining), like a browser or wrk. */
    private final class Connection {
        private final SocketChannel channel;
        private final ByteBuffer out = ByteBuffer.wrap(request);
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private volatile int current = -1;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(int k) {
            current = k;
            out.rewind();
            try {
                while (out.hasRemaining()) {
                    if (channel.write(out) == 0) {
                        Thread.onSpinWait(); // the socket buffer is full: rare with one small request in flight
                    }
                }
            } catch (IOException e) {
                error("send failed: " + e.getMessage());
                finish(FAILED);
                replace();
            }
        }

        void readable() throws IOException {
            int read;
            try {
                read = channel.read(in);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                if (current >= 0) {
                    error("the server closed a connection with a request in flight");
                    finish(FAILED);
                }
                replace();
                return;
            }
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            HttpResponseParser.Response response;
            try {
                response = HttpResponseParser.parse(in.array(), in.position());
            } catch (RuntimeException e) {
                error(e.getMessage());
                finish(FAILED);
                replace();
                return;
            }
            if (response == null) {
                return;
            }
            long now = System.nanoTime();
            in.clear();
            if (response.status() / 100 != 2) {
                error("HTTP " + response.status());
                finish(FAILED);
            } else {
                finish(now - due(current));
            }
            if (response.close()) {
                replace();
            } else {
                idle.add(this);
            }
        }

        private void finish(long result) {
            int k = current;
            if (k >= 0) {
                current = -1;
                latency[k] = result;
                completed.incrementAndGet();
            }
        }

        // closes this connection and puts a fresh one in the idle pool
        private void replace() {
            try {
                channel.close();
                idle.add(connect());
            } catch (IOException e) {
                error("reconnect failed: " + e.getMessage());
            }
        }
    }
}
