package org.bighead.productionize;

import java.nio.file.Path;
import java.util.List;

/**
 * What to export and where: the flags of {@code %bighead export}, the Export widget's form and {@code ./bighead
 * export}, as data.
 *
 * @param name the model's name in the registry (created if new)
 * @param alias the alias to move to the new version (e.g. champion), or null
 * @param serve where to serve it, or null for no endpoint
 * @param schedules {@code --schedule} lines ("retrain @weekly --metric test.rmse"), parsed by the validate step
 * @param batches {@code --batch} lines ("@daily --input IN --output OUT")
 * @param force register a new version even when the registry has these exact bytes
 * @param workingDir where the jobs' relative paths start: the notebook's folder, or the terminal's (null: this JVM's
 *     working folder)
 */
public record ExportRequest(
        String name,
        String alias,
        Serve serve,
        List<String> schedules,
        List<String> batches,
        boolean force,
        Path workingDir) {

    public ExportRequest {
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        batches = batches == null ? List.of() : List.copyOf(batches);
    }

    /** As typed in a terminal: relative paths start at this JVM's working folder. */
    public ExportRequest(
            String name, String alias, Serve serve, List<String> schedules, List<String> batches, boolean force) {
        this(name, alias, serve, schedules, batches, force, null);
    }

    /** Just register {@code name}. */
    public static ExportRequest of(String name) {
        return new ExportRequest(name, null, null, List.of(), List.of(), false);
    }

    public ExportRequest withAlias(String value) {
        return new ExportRequest(name, value, serve, schedules, batches, force, workingDir);
    }

    public ExportRequest withServe(Serve value) {
        return new ExportRequest(name, alias, value, schedules, batches, force, workingDir);
    }

    public ExportRequest withSchedule(String line) {
        return new ExportRequest(name, alias, serve, append(schedules, line), batches, force, workingDir);
    }

    public ExportRequest withBatch(String line) {
        return new ExportRequest(name, alias, serve, schedules, append(batches, line), force, workingDir);
    }

    public ExportRequest withWorkingDir(Path value) {
        return new ExportRequest(name, alias, serve, schedules, batches, force, value);
    }

    /** Where relative paths start: {@link #workingDir}, else this JVM's working folder. */
    public Path folder() {
        return workingDir != null ? workingDir : Path.of("").toAbsolutePath();
    }

    private static List<String> append(List<String> list, String line) {
        var out = new java.util.ArrayList<>(list);
        out.add(line);
        return out;
    }

    /** The model reference an endpoint and jobs follow: the alias when there is one, so a promotion reaches them. */
    public String followedRef(int version) {
        return alias != null ? name + "@" + alias : name + "/" + version;
    }

    /**
     * Where an export serves.
     *
     * @param target a local serving process, a container on the compute layer, or Kubernetes manifests
     * @param port the local port (0: a free one) for LOCAL and DOCKER
     * @param environment the environment whose runtime image the container builds on (DOCKER; null: the notebook's)
     * @param manifests the folder Kubernetes manifests are written to (KUBERNETES)
     */
    public record Serve(Target target, int port, String environment, Path manifests) {
        public enum Target {
            LOCAL,
            DOCKER,
            KUBERNETES
        }

        public static Serve local(int port) {
            return new Serve(Target.LOCAL, port, null, null);
        }

        public static Serve docker(int port, String environment) {
            return new Serve(Target.DOCKER, port, environment, null);
        }

        public static Serve kubernetes(Path manifests) {
            return new Serve(Target.KUBERNETES, 0, null, manifests);
        }
    }
}
