package org.bighead.kernel;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bighead.kernel.comm.KernelFrontend;
import org.bighead.kernel.display.Display;
import org.bighead.kernel.history.History;
import org.bighead.kernel.io.OutputRouter;
import org.bighead.kernel.io.StdinStream;
import org.bighead.kernel.jshell.JavaEvaluator;
import org.bighead.kernel.wire.Channels;
import org.bighead.kernel.wire.Codec;
import org.bighead.kernel.wire.ConnectionInfo;
import org.bighead.magics.MagicRegistry;
import org.bighead.widgets.Widgets;

/**
 * The kernel process, started by Jupyter with a connection file: {@code java -cp ... org.bighead.kernel.Main
 * CONNECTION_FILE}. Binds the sockets first and answers kernel_info at once; JShell starts in the background and
 * the first cell waits for it.
 */
public final class Main {
    /**
     * What every notebook starts with: the Bighead API, Tablesaw, the usual JDK packages, the widget controls and
     * Bighead's widgets, display functions. The widget package's Select and Layout would clash with the pipeline's:
     * single-type imports of the pipeline's win (the list box is {@code org.bighead.widgets.Select}, a widget's
     * layout {@code w.layout()}). One on-demand import rather than a single-type import per control: JShell compiles
     * every import snippet on its own, about 30 ms each, at every start (measured: 22 single imports cost 0.5-1 s).
     */
    static final List<String> STARTUP = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import tech.tablesaw.api.*;",
            "import org.bighead.pipeline.*;",
            "import org.bighead.pipeline.stages.*;",
            "import org.bighead.pipeline.model.*;",
            "import org.bighead.pipeline.data.*;",
            "import org.bighead.widgets.*;",
            "import org.bighead.pipeline.stages.Select;",
            "import org.bighead.pipeline.Layout;",
            "import org.bighead.productionize.ExportButton;",
            "import org.bighead.productionize.Endpoint;",
            "import static org.bighead.kernel.display.Display.*;");

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: org.bighead.kernel.Main CONNECTION_FILE");
            System.exit(2);
        }
        long start = System.nanoTime();
        PrintStream log = OutputRouter.install();
        KernelLog.use(log);
        ConnectionInfo info = ConnectionInfo.read(Path.of(args[0]));
        Channels channels = new Channels(info, new Codec(info.key()), KernelLog::log);

        CompletableFuture<JavaEvaluator> evaluator = CompletableFuture.supplyAsync(() -> {
            JavaEvaluator java = new JavaEvaluator(STARTUP);
            java.eval("int bigheadWarmUp = 1;", 1); // the first real cell then runs warm
            KernelLog.log(String.format("JShell ready %.0f ms after start", (System.nanoTime() - start) / 1e6));
            return java;
        });
        evaluator.exceptionally(e -> {
            KernelLog.log("JShell failed to start: " + e);
            return null;
        });

        Path home = Path.of(System.getProperty(
                "bighead.home",
                System.getenv().getOrDefault("BIGHEAD_HOME", System.getProperty("user.home") + "/.bighead")));
        History history = new History(home.resolve("history.jsonl"), KernelLog::log);
        MagicRegistry magics =
                MagicRegistry.withBuiltIns().line("xmode", XmodeMagic.HELP, new XmodeMagic(evaluator::join));
        Kernel kernel = new Kernel(channels, evaluator, magics, history, KernelLog::log);
        Display.attach(kernel);
        Widgets.connect(new KernelFrontend(kernel.comms()));
        System.setIn(new StdinStream(kernel::input));
        installInterruptSignal(kernel);

        channels.start(kernel::onShell, kernel::onControl);
        channels.iopub().status(null, "starting");
        KernelLog.log(String.format(
                "listening on %s (session %d) %.0f ms after start",
                info.address(info.shellPort()), history.session(), (System.nanoTime() - start) / 1e6));
        new java.util.concurrent.CountDownLatch(1).await(); // the channel threads do the work until shutdown
    }

    /** jupyter_client sends SIGINT before shutting down and for "signal" interrupts: stop the cell, never the JVM. */
    private static void installInterruptSignal(Kernel kernel) {
        // sun.misc.Signal (module jdk.unsupported) by reflection: javac's "internal proprietary API" warning has no
        // lint category to suppress, and the build compiles with -Werror
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    handlerType.getClassLoader(),
                    new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            kernel.interrupt();
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "SIGINT handler";
                    });
            signal.getMethod("handle", signal, handlerType)
                    .invoke(null, signal.getConstructor(String.class).newInstance("INT"), handler);
        } catch (InvocationTargetException e) {
            KernelLog.log("cannot handle SIGINT: " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            KernelLog.log("cannot handle SIGINT: " + e);
        }
    }
}
