package org.bighead.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bighead.kernel.comm.Comms;
import org.bighead.kernel.display.MimeRenderer;
import org.bighead.kernel.display.Output;
import org.bighead.kernel.history.History;
import org.bighead.kernel.io.CellContext;
import org.bighead.kernel.jshell.JavaEvaluator;
import org.bighead.kernel.wire.Channels;
import org.bighead.kernel.wire.Iopub;
import org.bighead.kernel.wire.Message;
import org.bighead.magics.MagicRegistry;

/**
 * Answers Jupyter's requests. Quick ones (kernel_info, comm_info, comm messages) are answered on the shell
 * thread at once, even while a cell runs — a widget's stop button must reach a training loop. Everything that
 * touches JShell (execute, complete, inspect, is_complete, history) runs in order on one execute thread.
 */
public final class Kernel implements Output {
    private record Task(long sequence, Message request) {}

    private final Channels channels;
    private final Iopub iopub;
    private final CompletableFuture<JavaEvaluator> evaluator;
    private final Comms comms;
    private final History history;
    private final Consumer<String> log;
    private final CellRunner cells;
    private final LinkedBlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long abortThrough = -1;
    private int executionCount;

    Kernel(
            Channels channels,
            CompletableFuture<JavaEvaluator> evaluator,
            MagicRegistry magics,
            History history,
            Consumer<String> log) {
        this.channels = channels;
        this.iopub = channels.iopub();
        this.evaluator = evaluator;
        this.history = history;
        this.log = log;
        this.comms = new Comms(iopub, log);
        this.cells = new CellRunner(evaluator, magics, this, log);
        Thread executor = new Thread(this::runTasks, "bighead-execute");
        executor.setDaemon(true);
        executor.start();
    }

    /** The kernel's comms, for widgets. */
    public Comms comms() {
        return comms;
    }

    /** Handles a message from the shell channel (on the shell thread). */
    void onShell(Message m) {
        switch (m.type()) {
            case "kernel_info_request" -> quick(m, KernelInfo.content(), channels::replyShell);
            case "comm_info_request" -> {
                ObjectNode c = ok();
                c.set("comms", comms.info(m.content().path("target_name").asText(null)));
                quick(m, c, channels::replyShell);
            }
            case "comm_open", "comm_msg", "comm_close" -> {
                iopub.status(m.header(), "busy");
                CellContext handler = new CellContext(m, iopub);
                handler.enterHandler();
                try {
                    comms.handle(m);
                } finally {
                    handler.flush();
                    handler.leave();
                }
                iopub.status(m.header(), "idle");
            }
            case "execute_request", "complete_request", "inspect_request", "is_complete_request", "history_request" ->
                tasks.add(new Task(sequence.incrementAndGet(), m));
            case "shutdown_request" -> shutdown(m, channels::replyShell);
            default -> log.accept("ignoring unsupported shell message " + m.type());
        }
    }

    /** Handles a message from the control channel (on the control thread). */
    void onControl(Message m) {
        switch (m.type()) {
            case "kernel_info_request" -> quick(m, KernelInfo.content(), channels::replyControl);
            case "interrupt_request" -> {
                interrupt();
                quick(m, ok(), channels::replyControl);
            }
            case "shutdown_request" -> shutdown(m, channels::replyControl);
            default -> log.accept("ignoring unsupported control message " + m.type());
        }
    }

    /** Stops the running cell (interrupt message or SIGINT) and drops the cells queued behind it. */
    void interrupt() {
        abortThrough = sequence.get();
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().interrupt(); // returns at once: the cell ends on its own thread
        }
    }

    private void quick(Message m, ObjectNode content, Consumer<Message> reply) {
        iopub.status(m.header(), "busy");
        reply.accept(m.reply(content));
        iopub.status(m.header(), "idle");
    }

    private void shutdown(Message m, Consumer<Message> reply) {
        boolean restart = m.content().path("restart").asBoolean(false);
        ObjectNode c = ok();
        c.put("restart", restart);
        quick(m, c, reply);
        Thread exit = new Thread(
                () -> {
                    iopub.drain(1000);
                    history.flush();
                    log.accept("shutting down" + (restart ? " for a restart" : ""));
                    // shutdown hooks clean up (xgboost4j deletes its unpacked native library); if one hangs, halt
                    Thread backstop = new Thread(
                            () -> {
                                sleepQuietly(3000);
                                Runtime.getRuntime().halt(0);
                            },
                            "bighead-halt");
                    backstop.setDaemon(true);
                    backstop.start();
                    System.exit(0);
                },
                "bighead-shutdown");
        exit.start();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runTasks() {
        while (true) {
            Task task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return;
            }
            Message m = task.request();
            iopub.status(m.header(), "busy");
            try {
                ObjectNode reply = switch (m.type()) {
                    case "execute_request" -> task.sequence() <= abortThrough ? aborted() : execute(m, task);
                    case "complete_request" -> complete(m);
                    case "inspect_request" -> inspect(m);
                    case "is_complete_request" -> isComplete(m);
                    case "history_request" -> history(m);
                    default -> throw new IllegalStateException(m.type());
                };
                channels.replyShell(m.reply(reply));
            } catch (RuntimeException e) {
                log.accept("failed to handle " + m.type() + ": " + e);
                e.printStackTrace(KernelLog.stream());
                ObjectNode error = Errors.internal(e);
                error.put("status", "error");
                channels.replyShell(m.reply(error));
            } finally {
                iopub.status(m.header(), "idle");
            }
        }
    }

    private ObjectNode execute(Message m, Task task) {
        String code = m.content().path("code").asText("");
        boolean silent = m.content().path("silent").asBoolean(false);
        boolean store = m.content().path("store_history").asBoolean(!silent) && !silent;
        if (store) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.put("code", code);
            input.put("execution_count", count);
            iopub.publish("execute_input", m.header(), input);
        }
        CellContext cell = new CellContext(m, iopub);
        cell.enter();
        CellRunner.Result result;
        try {
            result = cells.run(code, () -> task.sequence() <= abortThrough);
        } finally {
            cell.flush();
            cell.leave();
        }
        ObjectNode reply;
        String outputText = null;
        if (result.error() != null) {
            iopub.publish("error", m.header(), result.error().deepCopy());
            reply = result.error();
            reply.put("status", "error");
            reply.put("execution_count", count);
            if (m.content().path("stop_on_error").asBoolean(true)) {
                abortThrough = Math.max(abortThrough, sequence.get()); // what is queued behind a failure is moot
            }
        } else {
            if (result.hasValue() && !silent) {
                Map<String, Object> bundle = MimeRenderer.render(result.value());
                ObjectNode content = JsonNodeFactory.instance.objectNode();
                content.put("execution_count", count);
                content.set("data", MimeRenderer.toJson(bundle));
                content.putObject("metadata");
                iopub.publish("execute_result", m.header(), content);
                outputText = String.valueOf(bundle.get("text/plain"));
            }
            reply = ok();
            reply.put("execution_count", count);
            reply.putArray("payload");
            reply.putObject("user_expressions");
        }
        if (store) {
            history.add(count, code, outputText);
            if (result.error() == null) {
                cells.succeeded(code);
            }
        }
        return reply;
    }

    private ObjectNode aborted() {
        ObjectNode reply = Errors.content(
                "Aborted",
                "not run: an earlier cell failed or was interrupted",
                List.of("Aborted: not run because an earlier cell failed or was interrupted"));
        reply.put("status", "error");
        reply.put("execution_count", executionCount);
        return reply;
    }

    private ObjectNode complete(Message m) {
        String code = m.content().path("code").asText("");
        int cursor = Text.toUtf16(code, m.content().path("cursor_pos").asInt(code.length()));
        JavaEvaluator.Completion completion = cells.complete(code, cursor);
        ObjectNode reply = ok();
        ArrayNode matches = reply.putArray("matches");
        completion.matches().forEach(matches::add);
        int start = Text.toCodePoints(code, completion.start());
        int end = Text.toCodePoints(code, completion.end());
        reply.put("cursor_start", start);
        reply.put("cursor_end", end);
        // what ipykernel sends: JupyterLab shows each match's kind and signature beside it
        ArrayNode typed = reply.putObject("metadata").putArray("_jupyter_types_experimental");
        for (JavaEvaluator.Completion.Match match : completion.typed()) {
            typed.addObject()
                    .put("start", start)
                    .put("end", end)
                    .put("text", match.text())
                    .put("type", match.type())
                    .put("signature", match.signature());
        }
        return reply;
    }

    private ObjectNode inspect(Message m) {
        String code = m.content().path("code").asText("");
        int cursor = Text.toUtf16(code, m.content().path("cursor_pos").asInt(code.length()));
        ObjectNode reply = ok();
        var found = cells.inspect(code, cursor);
        reply.put("found", found.isPresent());
        ObjectNode data = reply.putObject("data");
        found.ifPresent(text -> data.put("text/plain", text));
        reply.putObject("metadata");
        return reply;
    }

    private ObjectNode isComplete(Message m) {
        String verdict = cells.isComplete(m.content().path("code").asText(""));
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("status", verdict);
        if (verdict.equals("incomplete")) {
            reply.put(
                    "indent",
                    m.content().path("code").asText("").stripTrailing().endsWith("{") ? "    " : "");
        }
        return reply;
    }

    private ObjectNode history(Message m) {
        var c = m.content();
        boolean output = c.path("output").asBoolean(false);
        List<History.Entry> entries = switch (c.path("hist_access_type").asText("tail")) {
            case "range" ->
                history.range(
                        c.path("session").asInt(0),
                        c.path("start").asInt(0),
                        c.path("stop").asInt(0));
            case "search" ->
                history.search(
                        c.path("pattern").asText("*"),
                        c.path("n").asInt(0),
                        c.path("unique").asBoolean(false));
            default -> history.tail(c.path("n").asInt(10));
        };
        ObjectNode reply = ok();
        ArrayNode list = reply.putArray("history");
        for (History.Entry e : entries) {
            ArrayNode item = list.addArray().add(e.session()).add(e.line());
            if (output) {
                item.addArray().add(e.input()).add(e.output());
            } else {
                item.add(e.input());
            }
        }
        return reply;
    }

    private static ObjectNode ok() {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("status", "ok");
        return c;
    }

    // --- rich output from cells (Display functions) ---

    @Override
    public void display(Map<String, Object> bundle, String displayId, boolean update) {
        CellContext cell = CellContext.current();
        if (cell != null) {
            cell.flush(); // text printed before the display shows before it
        }
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.set("data", MimeRenderer.toJson(bundle));
        content.putObject("metadata");
        if (displayId != null) {
            content.putObject("transient").put("display_id", displayId);
        }
        iopub.publish(update ? "update_display_data" : "display_data", cell == null ? null : cell.parent(), content);
    }

    @Override
    public void clearOutput(boolean wait) {
        CellContext cell = CellContext.current();
        if (cell != null) {
            cell.flush();
        }
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("wait", wait);
        iopub.publish("clear_output", cell == null ? null : cell.parent(), content);
    }

    @Override
    public String input(String prompt, boolean password) {
        CellContext cell = CellContext.current();
        if (cell == null || !cell.allowsStdin()) {
            throw new IllegalStateException("this notebook frontend does not accept input for this cell");
        }
        System.out.flush();
        try {
            return channels.stdin().ask(cell.request(), prompt, password).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for input");
        } catch (ExecutionException e) {
            throw new IllegalStateException("no input: " + e.getCause());
        }
    }
}
