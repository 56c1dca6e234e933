package org.bighead.productionize.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.image.ContextFile;
import org.bighead.environments.image.ImageSpec;
import org.bighead.environments.image.Layer;
import org.bighead.registry.client.ModelBundle;

/**
 * Renders a model's serving image as pure data: the environment's runtime image (the very JRE and class path the
 * notebook's environment has) plus one layer holding the bundle, and a command serving it. Everything below the
 * model layer is the environment's, already in the engine, so a rebuild after retraining writes one small layer.
 * The tag is content-addressed ({@link ImageSpec#reference()}): the same base and bundle give the same image.
 */
public final class ServingImageSpecs {
    /** Where the bundle lies in the image. */
    public static final String MODELS = "/opt/bighead/models";
    /** The port the image serves on by default (Kubernetes); a container on the host network gets its own. */
    public static final int PORT = 8080;

    /**
     * {@code serve}'s option to load the class bytes a bundle carries (custom stages written in the notebook). The
     * bundle baked into a serving image came from the registry, which checked its manifest, so it is trusted.
     * Empty until this build's {@code serve} knows the option: an unknown option would stop the server.
     */
    public static final List<String> TRUST_CODE = List.of();

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
                "model" + modelFile(bundle.name()), null, bytes, bundle.sha256(), bytes.length, ContextFile.FILE);
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
                command(bundle.name(), "0.0.0.0", PORT),
                labels);
    }

    /** Where {@code model}'s bundle lies in the image; its file name is the model's name in serving's URLs. */
    public static String modelFile(String model) {
        return MODELS + "/" + model + ".bighead";
    }

    /** The command serving {@code model}'s baked bundle on {@code host}:{@code port}. */
    public static List<String> command(String model, String host, int port) {
        List<String> command = new ArrayList<>(
                List.of("bighead-serve", modelFile(model), "--host", host, "--port", Integer.toString(port)));
        command.addAll(TRUST_CODE);
        return List.copyOf(command);
    }
}
