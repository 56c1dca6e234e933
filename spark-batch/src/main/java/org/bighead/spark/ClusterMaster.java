package org.bighead.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What a run on a cluster master needs before Spark starts: a master that answers, and the jars to send. */
final class ClusterMaster {
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private ClusterMaster() {}

    /**
     * Refuses a standalone master ({@code spark://HOST:PORT[,HOST:PORT…]}) that no host of accepts a connection
     * from: Spark itself would retry for a minute, then fail with "Cannot call methods on a stopped SparkContext".
     * Other masters (yarn, k8s://) are left to Spark.
     */
    static void requireAnswer(String master) {
        Matcher standalone = STANDALONE.matcher(master);
        if (!standalone.matches()) return;
        for (String hostPort : standalone.group(1).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) continue;
            try (Socket socket = new Socket()) {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                socket.connect(new InetSocketAddress(hostPort.substring(0, colon), port), CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException | IllegalArgumentException e) {
                // the next host, if any
            }
        }
        throw new IllegalArgumentException("no Spark master answers at " + master
                + " (--master or the setting batch-score.master; local[*] runs Spark embedded)");
    }

    /**
     * The jars a cluster's executors need: this module's jar, {@code cluster-lib/} beside it ({@code mvn package}
     * fills it: the dependencies minus Spark's), and the jars a notebook added ({@code BIGHEAD_EXTRA_CLASSPATH}).
     */
    static List<String> jars() {
        Path jar;
        try {
            jar = Path.of(ClusterMaster.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot find spark-batch's jar to send to the cluster: " + e.getMessage());
        }
        Path lib = jar.resolveSibling("cluster-lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalArgumentException("a cluster master needs spark-batch's jar and its cluster-lib folder ("
                    + lib + "); run ./bighead setup, or spark-submit the jar as README says");
        }
        List<String> jars = new ArrayList<>();
        jars.add(jar.toString());
        try (Stream<Path> files = Files.list(lib)) {
            files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> jars.add(f.toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + lib + ": " + e.getMessage());
        }
        String extra = System.getenv("BIGHEAD_EXTRA_CLASSPATH");
        if (extra != null) {
            for (String entry : extra.split(File.pathSeparator)) {
                if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) jars.add(entry);
            }
        }
        return jars;
    }
}
