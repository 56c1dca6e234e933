package org.bighead.productionize.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a deployment runs: a process on this machine, a container on the compute layer, or Kubernetes manifests. */
public enum Target {
    /** A detached {@code bighead serve} process on this machine. */
    LOCAL("local"),
    /** A container of the serving image (the environment's runtime image plus the model) on the compute layer. */
    DOCKER("docker"),
    /** Kubernetes manifests written to a folder and validated against the Kubernetes schema; nothing runs here. */
    KUBERNETES("k8s");

    private final String label;

    Target(String label) {
        this.label = label;
    }

    /** {@code local}, {@code docker} or {@code k8s}: the word in the state files, the CLI and the JSON. */
    public String label() {
        return label;
    }

    /** The target named {@code text}; a one-line message listing the valid ones otherwise. */
    public static Target parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.label.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new DeploymentException("unknown target '" + text + "' (valid: "
                        + Arrays.stream(values()).map(Target::label).collect(Collectors.joining(", ")) + ")"));
    }
}
