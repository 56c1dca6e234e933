package org.bighead.serving;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model being served, and its hot swap. A request reads {@link #current()} once and keeps that version to the
 * end; a poll thread asks the {@link ModelSource} for a new version, loads and warms it off the request path and
 * only then switches the reference, so no request waits for a load and none fails during a swap. A version that
 * fails to load is logged and the old one stays.
 */
public final class ModelHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

    private final ModelSource source;
    private final boolean strict;
    private final int maxScorers;
    private final AtomicReference<LoadedModel> current;
    private final BiConsumer<LoadedModel, LoadedModel> onSwap;
    private final ScheduledExecutorService poller;

    private ModelHolder(
            ModelSource source,
            boolean strict,
            int maxScorers,
            LoadedModel first,
            Duration poll,
            BiConsumer<LoadedModel, LoadedModel> onSwap) {
        this.source = source;
        this.strict = strict;
        this.maxScorers = maxScorers;
        this.current = new AtomicReference<>(first);
        this.onSwap = onSwap;
        if (poll == null) {
            this.poller = null;
        } else {
            this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bighead-model-poll");
                t.setDaemon(true);
                return t;
            });
            long millis = Math.max(1, poll.toMillis());
            var unused = poller.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Resolves and loads the source's current version, then polls every {@code poll} (null: never).
     * {@code onSwap} hears (old, new) after each switch. Each version keeps up to {@code maxScorers} idle scorers.
     */
    public static ModelHolder open(
            ModelSource source,
            boolean strict,
            int maxScorers,
            Duration poll,
            BiConsumer<LoadedModel, LoadedModel> onSwap)
            throws IOException {
        LoadedModel first = LoadedModel.load(source.resolve(), strict, maxScorers);
        return new ModelHolder(source, strict, maxScorers, first, poll, onSwap);
    }

    /** The version serving new requests. */
    public LoadedModel current() {
        return current.get();
    }

    /** Checks the source once and swaps if it moved; true when a new version now serves. */
    public synchronized boolean checkNow() throws IOException {
        LoadedModel old = current.get();
        Optional<ResolvedModel> next = source.poll(old.resolved());
        if (next.isEmpty()) {
            return false;
        }
        LoadedModel loaded = LoadedModel.load(next.get(), strict, maxScorers);
        current.set(loaded);
        onSwap.accept(old, loaded);
        LOG.info(
                "now serving {} {} (was {}), from {}",
                loaded.name(),
                loaded.resolved().displayVersion(),
                old.resolved().displayVersion(),
                loaded.resolved().origin());
        return true;
    }

    private void pollQuietly() {
        try {
            checkNow();
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "still serving {} {}: the new version could not be loaded: {}",
                    current().name(),
                    current().resolved().displayVersion(),
                    e.getMessage());
        }
    }

    /** Stops polling; the current version stays usable. */
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
