package org.bighead.environments.image;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.bighead.environments.engine.DockerEngine;

/** Pushes a built image to an image registry (yours, or the one {@code ./bighead engine start} runs). */
public final class ImagePush {
    private ImagePush() {}

    public static String registry(String configured, Path home) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path port = home.resolve(".bighead/engine/registry.port");
        try {
            if (Files.isRegularFile(port)) {
                return "127.0.0.1:"
                        + Files.readString(port, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            // fall through
        }
        throw new IllegalArgumentException(
                "--push needs an image registry: set images.registry (BIGHEAD_IMAGES_REGISTRY)"
                        + " or run ./bighead engine start, which runs one");
    }

    public static String push(DockerEngine engine, String reference, String registry, Consumer<String> progress)
            throws InterruptedException {
        int colon = reference.lastIndexOf(':');
        String repository = registry + "/" + reference.substring(0, colon);
        String tag = reference.substring(colon + 1);
        engine.client().tagImageCmd(reference, repository, tag).exec();
        progress.accept("pushing " + repository + ":" + tag + "...");
        StringBuilder error = new StringBuilder();
        engine.client()
                .pushImageCmd(repository)
                .withTag(tag)
                .exec(new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        if (item.isErrorIndicated() && item.getErrorDetail() != null) {
                            error.append(item.getErrorDetail().getMessage());
                        }
                    }
                })
                .awaitCompletion();
        if (error.length() > 0) {
            throw new ImageBuildException("push to " + registry + " failed: " + error);
        }
        return repository + ":" + tag;
    }
}
