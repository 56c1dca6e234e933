package org.bighead.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleCode;
import org.bighead.registry.client.ModelBundle;

/**
 * The bundles loaded in this JVM, by SHA-256: an executor loads (and verifies) a bundle once, however many
 * partitions and tasks it runs; each partition then compiles its own {@code Scorer} from it. In local mode the
 * executor is the driver's JVM, which has loaded it already.
 */
final class ExecutorPipelines {
    private static final ConcurrentMap<String, FittedPipeline> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorPipelines() {}

    /**
     * The driver's check of a bundle before Spark starts: read (and kept) with the code it may carry loaded only when
     * it came from the registry or the caller trusts it ({@code --trust-code}); an untrusted bundle with code fails
     * here, so it is never broadcast.
     */
    static FittedPipeline check(ModelBundle bundle, boolean trustCode) {
        return load(bundle.sha256(), bundle.bytes(), bundle.fromRegistry() || trustCode);
    }

    /**
     * The pipeline in {@code bytes}, loaded on first use in this JVM. Executors get only bundles the driver checked
     * ({@link #check}) and broadcast by SHA-256, so the code they carry is trusted here.
     */
    static FittedPipeline get(String sha256, byte[] bytes) {
        return load(sha256, bytes, true);
    }

    private static FittedPipeline load(String sha256, byte[] bytes, boolean trusted) {
        return LOADED.computeIfAbsent(sha256, sha -> {
            LOADS.incrementAndGet();
            try {
                return Bundle.read(
                        new ByteArrayInputStream(bytes),
                        "bundle " + sha.substring(0, 12),
                        trusted ? BundleCode.TRUST : BundleCode.REFUSE);
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
