package org.bighead.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bighead.pipeline.FittedPipeline;

/** Loads a bundle once in a new JVM, as a serving process does at start, and prints how long that took. */
public final class LoadOnce {
    private LoadOnce() {
    }

    public static void main(String[] args) throws Exception {
        long t = System.nanoTime();
        FittedPipeline.load(Path.of(args[0]));
        System.out.printf(Locale.ROOT, "%.1f", (System.nanoTime() - t) / 1e6);
    }

    /** "load X ms, whole process Y ms" for a child JVM on this class path. */
    static String inFreshJvm(Path bundle) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        long t = System.nanoTime();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LoadOnce.class.getName(),
                bundle.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(60, TimeUnit.SECONDS);
        return String.format(Locale.ROOT, "load %s ms (JVM start to loaded: %.0f ms)", out,
                (System.nanoTime() - t) / 1e6);
    }
}
