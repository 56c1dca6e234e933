package org.bighead.productionize.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A deployment as this machine knows it: its state file ({@code deployments/NAME.json}) and what {@code list},
 * {@code start --json} print. Fields a target does not use are {@code null} and left out of the JSON.
 *
 * @param name the deployment's name
 * @param target {@code local}, {@code docker} or {@code k8s}
 * @param model the model's name
 * @param modelRef the reference deployed ({@code listing-price@champion}); a local process follows its alias
 * @param version the version that served when it started
 * @param url where it answers ({@code http://127.0.0.1:8080}); the registry's deployment target
 * @param endpoint the records endpoint, {@code URL/v2/models/MODEL/predict}
 * @param port the port on this machine (local, docker)
 * @param pid the serving process (local)
 * @param processStart the process's start time, so a reused pid is never taken for it (local)
 * @param container the container's id (docker)
 * @param image the serving image (docker, k8s)
 * @param imageSizeBytes the serving image's size over its base, the environment's runtime image (docker, k8s)
 * @param manifests the manifests' file (k8s)
 * @param logFile the process's output (local)
 * @param registry the registry it was recorded in
 * @param startedAt when it started (ISO-8601)
 * @param status {@code running}, {@code stopped} (found dead) or {@code written} (k8s); filled in by {@code list}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(
        String name,
        String target,
        String model,
        @JsonProperty("model_ref") String modelRef,
        int version,
        String url,
        String endpoint,
        Integer port,
        Long pid,
        @JsonProperty("process_start") String processStart,
        String container,
        String image,
        @JsonProperty("image_size_bytes") Long imageSizeBytes,
        String manifests,
        @JsonProperty("log_file") String logFile,
        String registry,
        @JsonProperty("started_at") String startedAt,
        String status) {

    /** This deployment with another status. */
    public Deployment withStatus(String value) {
        return new Deployment(
                name,
                target,
                model,
                modelRef,
                version,
                url,
                endpoint,
                port,
                pid,
                processStart,
                container,
                image,
                imageSizeBytes,
                manifests,
                logFile,
                registry,
                startedAt,
                value);
    }

    /** The records endpoint of {@code model} at {@code url}. */
    public static String endpointOf(String url, String model) {
        return url + "/v2/models/" + model + "/predict";
    }
}
