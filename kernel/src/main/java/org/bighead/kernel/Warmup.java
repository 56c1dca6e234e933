package org.bighead.kernel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.bighead.kernel.display.MimeRenderer;
import org.bighead.kernel.jshell.JavaEvaluator;
import org.bighead.kernel.wire.Codec;
import org.bighead.kernel.wire.Message;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Runs what a kernel runs before its first result — sockets, message signing, JShell with the startup imports,
 * one cell, rich rendering — so {@code ./bighead setup} can record the classes it loads in an application
 * class-data-sharing archive ({@code -XX:ArchiveClassesAtExit}). The kernel then starts from that archive,
 * which takes most of the class loading and verification of javac and Jackson off its path to the first result.
 */
public final class Warmup {
    private Warmup() {}

    public static void main(String[] args) {
        try (ZContext context = new ZContext(1)) {
            context.createSocket(SocketType.PUB).bind("inproc://bighead-warmup");
        }
        Codec codec = new Codec("warm-up-key");
        Message m = Message.create(
                List.of(),
                "execute_request",
                null,
                JsonNodeFactory.instance.objectNode().put("code", "1 + 1"),
                null);
        codec.decode(codec.encode(m), message -> {});
        JavaEvaluator java = new JavaEvaluator(Main.STARTUP);
        java.startCell();
        java.eval("1 + 1", 1);
        java.eval("var warm = Table.create(\"t\", DoubleColumn.create(\"x\", 1, 2)); warm", 1);
        MimeRenderer.render(Table.create("t", DoubleColumn.create("x", 1, 2)));
        java.close();
        System.exit(0); // the archive is written as the JVM exits
    }
}
