package org.bighead.productionize;

/**
 * Starts the endpoint of an export's serve step and takes it down again when a later step fails. A deployment
 * outlives the export (a process or container of its own), so a failed export must remove the one it started.
 */
public interface Deployer {

    /** What a serve step started. {@code url} is the endpoint's base URL (or the manifests' folder). */
    record Deployed(String name, String target, String url, boolean started, String detail) {}

    /**
     * Serves {@code modelRef} (a registry reference) as deployment {@code name}, carrying what the notebook added to
     * its class path ({@code provenance}: the jars for a local process, the Maven coordinates for an image); when the
     * same deployment already runs that reference it is left as it is ({@code started} false: it follows the alias
     * and swaps by itself).
     *
     * @throws RuntimeException with a message a person understands; nothing it started is left behind
     */
    Deployed deploy(String name, String modelRef, ExportRequest.Serve serve, Provenance provenance);

    /** Stops and removes what {@link #deploy} started. */
    void remove(Deployed deployed);
}
