package org.bighead.productionize.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's Kubernetes manifests as pure data: a Deployment of the serving image (readiness on
 * {@code /v2/health/ready}, liveness on {@code /v2/health/live}, CPU and memory requests and limits), a ClusterIP
 * Service in front of it and a HorizontalPodAutoscaler ({@code autoscaling/v2}) on CPU. Rendered as YAML (one file,
 * three documents, for {@code kubectl apply -f}) or JSON; the tests compare the exact text.
 */
public final class KubernetesManifests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private KubernetesManifests() {}

    /**
     * What the manifests say.
     *
     * @param name the deployment's name: the Deployment's, Service's and autoscaler's
     * @param image the serving image, as the cluster pulls it
     * @param model the model's name (its bundle lies in the image under that name)
     * @param version the version baked into the image
     * @param replicas the Deployment's replicas and the autoscaler's minimum
     * @param maxReplicas the autoscaler's maximum
     * @param cpuRequest e.g. {@code 500m}; the autoscaler's utilization is measured against it
     * @param memoryRequest e.g. {@code 1Gi}
     * @param cpuLimit e.g. {@code 2}
     * @param memoryLimit e.g. {@code 2Gi}; the JVM's heap is sized from it ({@code MaxRAMPercentage})
     * @param targetCpuPercent the average CPU utilization the autoscaler keeps
     */
    public record Spec(
            String name,
            String image,
            String model,
            int version,
            int replicas,
            int maxReplicas,
            String cpuRequest,
            String memoryRequest,
            String cpuLimit,
            String memoryLimit,
            int targetCpuPercent) {

        /** The defaults: one to four replicas, half a CPU and 1 GiB requested, 2 CPUs and 2 GiB at most, 70 % CPU. */
        public static Spec of(String name, String image, String model, int version, int replicas, int maxReplicas) {
            return new Spec(name, image, model, version, replicas, maxReplicas, "500m", "1Gi", "2", "2Gi", 70);
        }
    }

    /** The Deployment, the Service and the HorizontalPodAutoscaler, in the order they are applied. */
    public static List<Map<String, Object>> render(Spec spec) {
        return List.of(deployment(spec), service(spec), autoscaler(spec));
    }

    /** The manifests as YAML documents, each starting with {@code ---}. */
    public static String yaml(Spec spec) {
        StringBuilder out = new StringBuilder();
        out.append("# ")
                .append(spec.name())
                .append(": rendered by Bighead (./bighead deployments start --k8s); do not edit\n");
        try {
            for (Map<String, Object> manifest : render(spec)) {
                out.append(YAML.writeValueAsString(manifest));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The manifests as one JSON array. */
    public static String json(Spec spec) {
        try {
            return JSON.writeValueAsString(render(spec)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> labels(Spec spec) {
        return map(
                "app.kubernetes.io/name", spec.name(),
                "app.kubernetes.io/component", "serving",
                "app.kubernetes.io/managed-by", "bighead",
                "bighead.org/model", DeploymentNames.fromModel(spec.model()),
                "bighead.org/model-version", Integer.toString(spec.version()));
    }

    static Map<String, Object> deployment(Spec spec) {
        Map<String, Object> selector = map("app.kubernetes.io/name", spec.name());
        Map<String, Object> container = map(
                "name", "serve",
                "image", spec.image(),
                "imagePullPolicy", "IfNotPresent",
                "command", ServingCommand.command(spec.model(), "0.0.0.0", ServingCommand.PORT),
                // the JVM sizes its heap from the container's memory limit
                "env", List.of(map("name", "BIGHEAD_JAVA_OPTS", "value", "-XX:MaxRAMPercentage=75.0")),
                "ports", List.of(map("name", "http", "containerPort", ServingCommand.PORT, "protocol", "TCP")),
                "readinessProbe", probe("/v2/health/ready", 2, 5, 3),
                // the JVM and the model load in seconds; a wedged server is restarted after 30 s of silence
                "livenessProbe", probe("/v2/health/live", 30, 10, 3),
                "resources",
                        map(
                                "requests", map("cpu", spec.cpuRequest(), "memory", spec.memoryRequest()),
                                "limits", map("cpu", spec.cpuLimit(), "memory", spec.memoryLimit())));
        return map(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                map("name", spec.name(), "labels", labels(spec)),
                "spec",
                map(
                        "replicas", spec.replicas(),
                        "selector", map("matchLabels", selector),
                        "template",
                                map(
                                        "metadata", map("labels", labels(spec)),
                                        "spec", map("containers", List.of(container)))));
    }

    private static Map<String, Object> probe(String path, int initialDelay, int period, int failures) {
        return map(
                "httpGet", map("path", path, "port", "http"),
                "initialDelaySeconds", initialDelay,
                "periodSeconds", period,
                "failureThreshold", failures);
    }

    static Map<String, Object> service(Spec spec) {
        return map(
                "apiVersion",
                "v1",
                "kind",
                "Service",
                "metadata",
                map("name", spec.name(), "labels", labels(spec)),
                "spec",
                map(
                        "type", "ClusterIP",
                        "selector", map("app.kubernetes.io/name", spec.name()),
                        "ports", List.of(map("name", "http", "port", 80, "targetPort", "http", "protocol", "TCP"))));
    }

    static Map<String, Object> autoscaler(Spec spec) {
        return map(
                "apiVersion",
                "autoscaling/v2",
                "kind",
                "HorizontalPodAutoscaler",
                "metadata",
                map("name", spec.name(), "labels", labels(spec)),
                "spec",
                map(
                        "scaleTargetRef", map("apiVersion", "apps/v1", "kind", "Deployment", "name", spec.name()),
                        "minReplicas", spec.replicas(),
                        "maxReplicas", spec.maxReplicas(),
                        "metrics",
                                List.of(map(
                                        "type",
                                        "Resource",
                                        "resource",
                                        map(
                                                "name",
                                                "cpu",
                                                "target",
                                                map(
                                                        "type",
                                                        "Utilization",
                                                        "averageUtilization",
                                                        spec.targetCpuPercent()))))));
    }

    /** The Service's address inside the cluster (the namespace the manifests are applied in is the cluster's choice). */
    public static String clusterUrl(String name) {
        return "http://" + name;
    }

    /** An insertion-ordered map of key, value pairs: manifests read in the order people write them. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
