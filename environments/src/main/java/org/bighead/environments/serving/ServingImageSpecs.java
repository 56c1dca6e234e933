package org.bighead.environments.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.image.ContextFile;
import org.bighead.environments.image.ImageSpec;
import org.bighead.environments.image.Layer;
import org.bighead.productionize.deploy.DeploymentNames;
import org.bighead.productionize.deploy.ServingCommand;
import org.bighead.registry.client.ModelBundle;

/**
 * Renders a model's serving image as pure data: the environment's runtime image (the very JRE and class path the
 * notebook's environment has) plus one layer holding the bundle, and a command serving it. Everything below the
 * model layer is the environment's, already in the engine, so a rebuild after retraining writes one small layer.
 * The tag is content-addressed ({@link ImageSpec#reference()}): the same base and bundle give the same image.
 */
public final class ServingImageSpecs {
    static final String LABEL = "org.bighead.";

    private ServingImageSpecs() {}

    /**
     * The serving image of {@code bundle} on {@code baseImage}.
     *
     * @param baseImage the environment's runtime image ({@code bighead/env-cpu:3c24fcaa4aa9})
     * @param environment the environment's name, for the image's labels
     * @param bundle a registered version's bundle (name, version, bytes, SHA-256)
     */
    public static ImageSpec render(String baseImage, String environment, ModelBundle bundle) {
        byte[] bytes = bundle.bytes();
        ContextFile file = new ContextFile(
                "model" + ServingCommand.modelFile(bundle.name()),
                null,
                bytes,
                bundle.sha256(),
                bytes.length,
                ContextFile.FILE);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Compute.PURPOSE, "serving");
        labels.put(LABEL + "model", bundle.name());
        labels.put(LABEL + "model-version", bundle.version());
        labels.put(LABEL + "model-sha256", bundle.sha256());
        labels.put(LABEL + "environment", environment);
        labels.put(LABEL + "base-image", baseImage);
        return new ImageSpec(
                "bighead/serve-" + DeploymentNames.fromModel(bundle.name()),
                baseImage,
                List.of(new Layer("model", List.of(), List.of(file), List.of())),
                Map.of(),
                ServingCommand.command(bundle.name(), "0.0.0.0", ServingCommand.PORT),
                labels);
    }
}
