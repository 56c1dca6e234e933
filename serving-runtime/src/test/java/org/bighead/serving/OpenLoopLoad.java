package org.bighead.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load for tests: request k is due at {@code start + k / rate} whatever happened to earlier ones (a
 * closed loop would quietly slow down instead). A sender queues each request when due; kept-alive connections,
 * one thread each and opened as needed, send them. Raw HTTP/1.1 keeps the client cheap, so on a small machine
 * it does not steal the capacity it is measuring. Each answer must be 200 with one numeric prediction.
 *
 * <p>The client keeps at most {@code maxOutstanding} requests open: when the machine falls that far behind, a due
 * request is skipped (and counted) rather than sent, so a slow CI machine lowers the achieved rate instead of
 * failing. With {@code maxOutstanding} equal to the server's --max-inflight, a 503 means the server refused a
 * request although fewer than its limit were open.
 */
final class OpenLoopLoad {
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final InetSocketAddress address;
    private final byte[] request;
    private final int maxOutstanding;
    private final BlockingQueue<Long> due = new LinkedBlockingQueue<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicLong ok = new AtomicLong();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final List<Thread> connections = new ArrayList<>();
    private volatile boolean done;

    /** What happened: requests due, sent, skipped because too many were open, answered 200, and the errors. */
    record Result(long scheduled, long sent, long skipped, long ok, List<String> errors, int connections, long millis) {
        double perSecond() {
            return ok * 1000.0 / millis;
        }
    }

    OpenLoopLoad(TestServer server, String path, String json, int maxOutstanding) {
        URI uri = server.uri(path);
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = String.format(
                Locale.ROOT,
                "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json" + "\r\nContent-Length: %d\r\n\r\n",
                uri.getRawPath(),
                uri.getHost(),
                uri.getPort(),
                body.length);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        this.request = bytes.toByteArray();
        this.maxOutstanding = maxOutstanding;
    }

    /** Sends at {@code rate} per second for {@code seconds}, then waits (up to 10 s) for the open requests. */
    Result run(double rate, int seconds) throws InterruptedException {
        long scheduled = Math.round(rate * seconds);
        long sent = 0;
        long start = System.nanoTime();
        try {
            for (long k = 0; k < scheduled; k++) {
                long dueAt = start + (long) (k * 1e9 / rate);
                for (long wait = dueAt - System.nanoTime(); wait > 0; wait = dueAt - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (outstanding.get() >= maxOutstanding) {
                    continue;
                }
                outstanding.incrementAndGet();
                sent++;
                if (idle.get() == 0 && connections.size() < maxOutstanding) {
                    open();
                }
                due.add(k);
            }
            long deadline = System.nanoTime() + DRAIN_NANOS;
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            done = true;
            for (Thread c : connections) {
                c.join(TimeUnit.NANOSECONDS.toMillis(DRAIN_NANOS));
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Result(scheduled, sent, scheduled - sent, ok.get(), List.copyOf(errors), connections.size(), millis);
    }

    /** One more kept-alive connection with its own thread, taking due requests until the run is done. */
    private void open() {
        idle.incrementAndGet();
        Thread t = new Thread(
                () -> {
                    Socket socket = null;
                    InputStream in = null;
                    try {
                        while (!done) {
                            Long k = due.poll(50, TimeUnit.MILLISECONDS);
                            if (k == null) {
                                continue;
                            }
                            idle.decrementAndGet();
                            try {
                                if (socket == null) {
                                    socket = new Socket();
                                    socket.setTcpNoDelay(true);
                                    socket.connect(address, (int) TestServer.TIMEOUT.toMillis());
                                    socket.setSoTimeout((int) TestServer.TIMEOUT.toMillis());
                                    in = new BufferedInputStream(socket.getInputStream());
                                }
                                exchange(socket, in);
                            } catch (IOException e) {
                                errors.add(e.toString());
                                close(socket);
                                socket = null;
                            } finally {
                                outstanding.decrementAndGet();
                                idle.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        close(socket);
                    }
                },
                "open-loop-" + connections.size());
        t.setDaemon(true);
        connections.add(t);
        t.start();
    }

    private void exchange(Socket socket, InputStream in) throws IOException {
        socket.getOutputStream().write(request);
        String status = line(in);
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length: " + status);
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        if (status.startsWith("HTTP/1.1 200 ") && onePrediction(body)) {
            ok.incrementAndGet();
        } else {
            errors.add(status + " " + body);
        }
    }

    /** One header line without its CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-response after \"" + s + "\"");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    private static boolean onePrediction(String body) {
        try {
            JsonNode predictions = JsonBodies.MAPPER.readTree(body).path("predictions");
            return predictions.size() == 1 && predictions.get(0).isNumber();
        } catch (IOException e) {
            return false;
        }
    }

    private static void close(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing after a failure: nothing left to report
        }
    }
}
