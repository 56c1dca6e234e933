package org.bighead.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bighead.pipeline.FittedPipeline;

/** Loads a bundle once in a new JVM, as a serving process does at start, and prints how long that took. */
public final class LoadOnce {
    private LoadOnce() {}

    public static void main(String[] args) throws Exception {
        long t = System.nanoTime();
        FittedPipeline.load(Path.of(args[0]));
        System.out.printf(Locale.ROOT, "%.1f", (System.nanoTime() - t) / 1e6);
    }

    /**
     * Median over three child JVMs of "load X ms (JVM start to loaded: Y ms)", plain and with an application
     * class-data-sharing archive made in this run (what a serving image can ship to start faster).
     */
    static String inFreshJvm(Path bundle) throws Exception {
        Path archive = java.nio.file.Files.createTempFile("bighead-load", ".jsa");
        java.nio.file.Files.delete(archive);
        child(bundle, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable");
        String plain = medianOf3(bundle);
        String shared = java.nio.file.Files.exists(archive)
                ? medianOf3(bundle, "-XX:SharedArchiveFile=" + archive)
                : "archive not created";
        java.nio.file.Files.deleteIfExists(archive);
        return plain + "; with an AppCDS archive: " + shared;
    }

    private static String medianOf3(Path bundle, String... jvmOptions) throws Exception {
        double[][] runs = new double[3][];
        for (int i = 0; i < runs.length; i++) runs[i] = child(bundle, jvmOptions);
        java.util.Arrays.sort(runs, java.util.Comparator.comparingDouble(r -> r[0]));
        return String.format(Locale.ROOT, "load %.0f ms (JVM start to loaded: %.0f ms)", runs[1][0], runs[1][1]);
    }

    /** {load ms measured inside the child, wall ms from process start to exit}. */
    private static double[] child(Path bundle, String... jvmOptions) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaBin));
        command.addAll(List.of(jvmOptions));
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), LoadOnce.class.getName(), bundle.toString()));
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(60, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - t) / 1e6;
        return new double[] {out.isEmpty() ? Double.NaN : Double.parseDouble(out), wall};
    }
}
