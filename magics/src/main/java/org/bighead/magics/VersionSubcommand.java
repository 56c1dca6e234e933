package org.bighead.magics;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code %bighead version}: the Bighead version, the Java runtime (version, vendor, home) and the kernel's JVM. */
@Command(name = "version", description = "Show the Bighead version, the Java version and the kernel's JVM.")
final class VersionSubcommand implements PicocliSubcommand.Action {

    @Override
    public Object call(MagicContext context) {
        Runtime runtime = Runtime.getRuntime();
        context.out().println("Bighead " + context.version());
        context.out()
                .println("Java "
                        + System.getProperty(
                                "java.runtime.version", Runtime.version().toString())
                        + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ") at "
                        + System.getProperty("java.home"));
        context.out()
                .println(String.format(
                        Locale.ROOT,
                        "Kernel: JVM pid %d on %s %s (%s), %d processors, max heap %.1f GiB, JIT %s, up %d s",
                        ProcessHandle.current().pid(),
                        System.getProperty("os.name"),
                        System.getProperty("os.version"),
                        System.getProperty("os.arch"),
                        runtime.availableProcessors(),
                        runtime.maxMemory() / (double) (1L << 30),
                        jit(),
                        ManagementFactory.getRuntimeMXBean().getUptime() / 1000));
        return null;
    }

    /** The JIT this JVM runs with, in kernel.jit's words. */
    static String jit() {
        boolean c1Only = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4"));
        return c1Only ? "quick (C1 only; kernel.jit=full adds C2)" : "full (C1 and C2)";
    }
}
