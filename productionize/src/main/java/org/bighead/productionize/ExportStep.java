package org.bighead.productionize;

/** The steps of an export, in the order they run. */
public enum ExportStep {
    /** The pipeline is fitted, its input schema complete, a smoke prediction through its saved bundle succeeds. */
    VALIDATE("validate"),
    /** The bundle (with the code of classes written in cells) and the lineage: cells, notebook, user, image. */
    CAPTURE("capture"),
    /** A version in the registry, and the alias moved to it. */
    REGISTER("register"),
    /** An endpoint: a local serving process, a container, or Kubernetes manifests. */
    SERVE("serve"),
    /** Jobs in the registry's scheduler: retrain-if-better, batch scoring, evaluation. */
    SCHEDULE("schedule");

    private final String label;

    ExportStep(String label) {
        this.label = label;
    }

    /** The word people see ("validate"). */
    public String label() {
        return label;
    }
}
