package org.bighead.environments.image;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bighead.environments.engine.DockerEngine;

/**
 * Applies an {@link ImageSpec} on a Docker engine. An image whose content-addressed reference already exists is not
 * built again ("up to date"); otherwise the engine builds it with its layer cache, so only the layers after the first
 * change are made. Progress goes to a consumer, a line per layer.
 */
public final class ImageBuilder {
    private static final Pattern STEP = Pattern.compile("Step (\\d+)/(\\d+) : (.*)", Pattern.DOTALL);
    private static final int TAIL = 25;

    private final DockerEngine engine;

    public ImageBuilder(DockerEngine engine) {
        this.engine = engine;
    }

    /** What a build did. */
    public record Result(String reference, String imageId, boolean upToDate, long millis, long sizeBytes) {}

    /**
     * Builds {@code spec} unless its reference exists.
     *
     * @param buildLabels labels that are not part of the spec's hash (who built it, the full spec hash)
     * @throws ImageBuildException with the failing step and the tail of its output
     */
    public Result build(ImageSpec spec, Map<String, String> buildLabels, Consumer<String> progress) {
        long t0 = System.nanoTime();
        String reference = spec.reference();
        var existing = engine.inspectImage(reference);
        if (existing.isPresent()) {
            progress.accept("up to date: " + reference);
            return new Result(reference, existing.get().getId(), true, millisSince(t0), size(existing.get()));
        }
        List<String> stepLayer = stepLayers(spec);
        PipedInputStream in = new PipedInputStream(1 << 20);
        AtomicReference<Exception> writeFailure = new AtomicReference<>();
        Thread writer;
        try {
            PipedOutputStream out = new PipedOutputStream(in);
            writer = new Thread(
                    () -> {
                        try (out) {
                            ContextTar.write(spec, out);
                        } catch (IOException | RuntimeException e) {
                            writeFailure.set(e);
                        }
                    },
                    "build-context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.setDaemon(true);
        writer.start();
        Progress callback = new Progress(stepLayer, progress);
        BuildImageCmd cmd = engine.client()
                .buildImageCmd(in)
                .withTags(Set.of(reference))
                .withLabels(buildLabels)
                .withNetworkMode("host")
                .withPull(false)
                .withRemove(true)
                .withForcerm(true);
        try {
            cmd.exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("the build of " + reference + " was interrupted");
        } catch (RuntimeException e) {
            throw callback.failure(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // the writer stops at its next write
            }
        }
        if (callback.error != null) {
            throw callback.failure(callback.error);
        }
        if (writeFailure.get() != null) {
            throw new ImageBuildException("could not send the build context of " + reference + ": "
                    + writeFailure.get().getMessage());
        }
        callback.finishLayer();
        var built = engine.inspectImage(reference)
                .orElseThrow(() -> new ImageBuildException(
                        "the engine finished building " + reference + " but has no such image"));
        return new Result(reference, built.getId(), false, millisSince(t0), size(built));
    }

    private static long size(com.github.dockerjava.api.command.InspectImageResponse image) {
        Long size = image.getSize();
        return size == null ? -1 : size;
    }

    /** The layer each Dockerfile instruction belongs to, by step number (1 is FROM). */
    static List<String> stepLayers(ImageSpec spec) {
        List<String> steps = new ArrayList<>();
        steps.add("base");
        for (Layer layer : spec.layers()) {
            for (int i = 0; i < layer.instructions().size(); i++) {
                steps.add(layer.name());
            }
        }
        return steps;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Follows the engine's stream: which step runs, whether it came from the cache, the last lines of output. */
    private static final class Progress extends ResultCallback.Adapter<BuildResponseItem> {
        private final List<String> stepLayer;
        private final Consumer<String> progress;
        private final Deque<String> tail = new ArrayDeque<>();
        private String layer;
        private boolean layerBuilt;
        private long layerStart;
        private String step = "";
        private boolean stepCached;
        private boolean inStep;
        private volatile String error;

        Progress(List<String> stepLayer, Consumer<String> progress) {
            this.stepLayer = stepLayer;
            this.progress = progress;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage()
                        : "the engine reported an error";
                return;
            }
            String text = item.getStream();
            if (text == null) {
                return;
            }
            for (String line : text.split("\n")) {
                String l = line.strip();
                Matcher m = STEP.matcher(l);
                if (m.matches()) {
                    endStep();
                    int n = Integer.parseInt(m.group(1));
                    step = "step " + n + "/" + m.group(2) + " (" + m.group(3).strip() + ")";
                    String next = n - 1 < stepLayer.size() ? stepLayer.get(n - 1) : "labels";
                    if (!next.equals(layer)) {
                        finishLayer();
                        layer = next;
                        layerBuilt = false;
                        layerStart = System.nanoTime();
                    }
                    stepCached = false;
                    inStep = true;
                    tail.clear();
                } else if (l.equals("---> Using cache")) {
                    stepCached = true;
                } else if (!l.isEmpty() && !l.startsWith("--->") && !l.startsWith("Removing intermediate")) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
            }
        }

        /** A step that did not come from the cache means its layer was built. */
        private void endStep() {
            if (inStep && !stepCached) {
                layerBuilt = true;
            }
            inStep = false;
        }

        void finishLayer() {
            endStep();
            if (layer == null || layer.equals("base")) {
                return;
            }
            String how =
                    layerBuilt ? String.format("built in %.1f s", (System.nanoTime() - layerStart) / 1e9) : "cached";
            if (!layer.equals("labels")) {
                progress.accept(String.format("  %-13s %s", layer, how));
            }
            layer = null;
        }

        ImageBuildException failure(String message) {
            return new ImageBuildException(
                    step.isEmpty()
                            ? "the image build failed: " + message
                            : step + " failed: " + message
                                    + (tail.isEmpty() ? "" : "\n  last output:\n    " + String.join("\n    ", tail)));
        }
    }
}
