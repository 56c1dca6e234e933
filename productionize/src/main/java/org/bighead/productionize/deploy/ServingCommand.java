package org.bighead.productionize.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * How a serving image serves its model: the bundle's place in the image and the command line, shared by the image's
 * default command, the docker target's container and the Kubernetes Deployment.
 */
public final class ServingCommand {
    /** Where the bundle lies in a serving image. */
    public static final String MODELS = "/opt/bighead/models";
    /** The port a serving image serves on by default (Kubernetes); a container on the host network gets its own. */
    public static final int PORT = 8080;

    /**
     * {@code serve}'s option to load the class bytes a bundle carries (custom stages written in the notebook). The
     * bundle baked into a serving image came from the registry, which checked the uploader's token and its SHA-256,
     * so it is trusted.
     */
    public static final List<String> TRUST_CODE = List.of("--trust-code");

    private ServingCommand() {}

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
