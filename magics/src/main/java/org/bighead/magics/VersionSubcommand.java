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
                        "Kernel: JVM pid %d on %s %s (%s), %d processors, max heap %.1f GiB, up %d s",
                        ProcessHandle.current().pid(),
                        System.getProperty("os.name"),
                        System.getProperty("os.version"),
                        System.getProperty("os.arch"),
                        runtime.availableProcessors(),
                        runtime.maxMemory() / (double) (1L << 30),
                        ManagementFactory.getRuntimeMXBean().getUptime() / 1000));
        return null;
    }
}
