package org.bighead.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.bundle.Bundle;

/**
 * The bundles loaded in this JVM, by SHA-256: an executor loads (and verifies) a bundle once, however many
 * partitions and tasks it runs; each partition then compiles its own {@code Scorer} from it. In local mode the
 * executor is the driver's JVM, which has loaded it already.
 */
final class ExecutorPipelines {
    private static final ConcurrentMap<String, FittedPipeline> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorPipelines() {}

    /** The pipeline in {@code bytes}, loaded on first use in this JVM. */
    static FittedPipeline get(String sha256, byte[] bytes) {
        return LOADED.computeIfAbsent(sha256, sha -> {
            LOADS.incrementAndGet();
            try {
                return Bundle.read(new ByteArrayInputStream(bytes), "bundle " + sha.substring(0, 12));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** How many times this JVM has read a bundle (tests: once per bundle, however many partitions). */
    static int loads() {
        return LOADS.get();
    }
}
