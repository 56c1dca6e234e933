package org.bighead.kernel.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bighead.kernel.wire.Iopub;
import org.bighead.kernel.wire.Message;

/**
 * The cell a piece of output belongs to: its request (for the parent header and stdin routing) and its two
 * output streams. Code running for the cell, including threads it starts, finds it through {@link #current()}.
 */
public final class CellContext {
    private static final InheritableThreadLocal<CellContext> THREAD = new InheritableThreadLocal<>();
    private static volatile CellContext latest;

    private final Message request;
    private final boolean allowStdin;
    private final Utf8Text stdout;
    private final Utf8Text stderr;

    public CellContext(Message request, Iopub iopub) {
        this.request = request;
        this.allowStdin = request.content().path("allow_stdin").asBoolean(false);
        this.stdout = new Utf8Text(text -> iopub.stream(request.header(), "stdout", text));
        this.stderr = new Utf8Text(text -> iopub.stream(request.header(), "stderr", text));
    }

    /** Makes this the cell of the calling thread (and threads it starts) and the latest cell. */
    public void enter() {
        THREAD.set(this);
        latest = this;
    }

    /**
     * Makes this the context of the calling thread only, for a handler of a frontend message (a widget's click):
     * what it prints belongs to that message, as ipykernel does, not to whichever cell happens to run.
     */
    public void enterHandler() {
        THREAD.set(this);
    }

    /** Detaches the calling thread; output from stray threads still goes to this, the latest cell. */
    public void leave() {
        THREAD.remove();
    }

    /** The cell of the calling thread, else the latest cell, else null (kernel startup). */
    public static CellContext current() {
        CellContext own = THREAD.get();
        return own != null ? own : latest;
    }

    /** The request that runs this cell. */
    public Message request() {
        return request;
    }

    /** The parent header for messages this cell causes. */
    public ObjectNode parent() {
        return request.header();
    }

    /** Whether the frontend accepts input requests for this cell. */
    public boolean allowsStdin() {
        return allowStdin;
    }

    /** Sends output still held back (a partial line) so what follows appears after it. */
    public void flush() {
        stdout.flush();
        stderr.flush();
    }

    Utf8Text stream(boolean error) {
        return error ? stderr : stdout;
    }
}
