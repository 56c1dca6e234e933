package org.bighead.serving;

import java.time.Duration;

/**
 * Everything a serving process is told at start, in one place: where it listens, how much it accepts, how it
 * watches its model. {@link #defaults()} gives the values {@code bighead serve} uses when no option is set.
 *
 * @param host              interface to bind (127.0.0.1 unless told otherwise)
 * @param port              TCP port; 0 picks a free one
 * @param maxBodyBytes      largest request body accepted; bigger gets 413
 * @param maxInflight       scoring requests handled at once; more get 503 with Retry-After instead of queueing
 * @param poll              how often the model source is checked for a new version; null never checks
 * @param strict            reject columns the model does not take, categories not seen in training, rows that
 *                          leave out an input column and values of another type than their column's
 * @param referenceEndpoint serve {@code POST /reference/constant} (a fixed reply, for the benchmark only)
 * @param drainTimeout      how long shutdown waits for requests in flight
 */
public record ServeConfig(
        String host,
        int port,
        long maxBodyBytes,
        int maxInflight,
        Duration poll,
        boolean strict,
        boolean referenceEndpoint,
        Duration drainTimeout) {

    public ServeConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("--max-body must be at least 1 byte, got " + maxBodyBytes);
        }
        if (maxInflight < 1) {
            throw new IllegalArgumentException("--max-inflight must be at least 1, got " + maxInflight);
        }
        if (poll != null && (poll.isNegative() || poll.isZero())) {
            throw new IllegalArgumentException("--poll must be a positive duration, got " + poll);
        }
    }

    /** 127.0.0.1:8080, 1 MiB bodies, four scoring requests per core, no polling, lenient, 10 s drain. */
    public static ServeConfig defaults() {
        return new ServeConfig(
                "127.0.0.1",
                8080,
                ByteSize.parse("1m"),
                defaultMaxInflight(),
                null,
                false,
                false,
                Duration.ofSeconds(10));
    }

    /** Scoring is CPU-bound: a few requests per core keep every core busy; more would only queue. */
    public static int defaultMaxInflight() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** This config on another port. */
    public ServeConfig withPort(int value) {
        return new ServeConfig(host, value, maxBodyBytes, maxInflight, poll, strict, referenceEndpoint, drainTimeout);
    }

    /** This config with another in-flight limit. */
    public ServeConfig withMaxInflight(int value) {
        return new ServeConfig(host, port, maxBodyBytes, value, poll, strict, referenceEndpoint, drainTimeout);
    }

    /** This config with another body limit. */
    public ServeConfig withMaxBodyBytes(long value) {
        return new ServeConfig(host, port, value, maxInflight, poll, strict, referenceEndpoint, drainTimeout);
    }

    /** This config polling its source every {@code value} (null: never). */
    public ServeConfig withPoll(Duration value) {
        return new ServeConfig(host, port, maxBodyBytes, maxInflight, value, strict, referenceEndpoint, drainTimeout);
    }

    /** This config with strict input checking on or off. */
    public ServeConfig withStrict(boolean value) {
        return new ServeConfig(host, port, maxBodyBytes, maxInflight, poll, value, referenceEndpoint, drainTimeout);
    }

    /** This config with or without the benchmark's constant-response endpoint. */
    public ServeConfig withReferenceEndpoint(boolean value) {
        return new ServeConfig(host, port, maxBodyBytes, maxInflight, poll, strict, value, drainTimeout);
    }
}
