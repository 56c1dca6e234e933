package org.bighead.productionize.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class KubernetesManifestsTest {
    private static final KubernetesManifests.Spec SPEC = KubernetesManifests.Spec.of(
            "listing-price",
            "registry.example:5000/bighead/serve-listing-price:0123456789ab",
            "listing-price",
            7,
            2,
            6);

    @Test
    void theYamlIsADeploymentAServiceAndAnAutoscalerExactlyAsWritten() {
        assertThat(KubernetesManifests.yaml(SPEC)).isEqualTo("""
                        # listing-price: rendered by Bighead (./bighead deployments start --k8s); do not edit
                        ---
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: listing-price
                          labels:
                            app.kubernetes.io/name: listing-price
                            app.kubernetes.io/component: serving
                            app.kubernetes.io/managed-by: bighead
                            bighead.org/model: listing-price
                            bighead.org/model-version: "7"
                        spec:
                          replicas: 2
                          selector:
                            matchLabels:
                              app.kubernetes.io/name: listing-price
                          template:
                            metadata:
                              labels:
                                app.kubernetes.io/name: listing-price
                                app.kubernetes.io/component: serving
                                app.kubernetes.io/managed-by: bighead
                                bighead.org/model: listing-price
                                bighead.org/model-version: "7"
                            spec:
                              containers:
                              - name: serve
                                image: registry.example:5000/bighead/serve-listing-price:0123456789ab
                                imagePullPolicy: IfNotPresent
                                command:
                                - bighead-serve
                                - /opt/bighead/models/listing-price.bighead
                                - --host
                                - 0.0.0.0
                                - --port
                                - "8080"
                                - --trust-code
                                env:
                                - name: BIGHEAD_JAVA_OPTS
                                  value: -XX:MaxRAMPercentage=75.0
                                ports:
                                - name: http
                                  containerPort: 8080
                                  protocol: TCP
                                readinessProbe:
                                  httpGet:
                                    path: /v2/health/ready
                                    port: http
                                  initialDelaySeconds: 2
                                  periodSeconds: 5
                                  failureThreshold: 3
                                livenessProbe:
                                  httpGet:
                                    path: /v2/health/live
                                    port: http
                                  initialDelaySeconds: 30
                                  periodSeconds: 10
                                  failureThreshold: 3
                                resources:
                                  requests:
                                    cpu: 500m
                                    memory: 1Gi
                                  limits:
                                    cpu: "2"
                                    memory: 2Gi
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: listing-price
                          labels:
                            app.kubernetes.io/name: listing-price
                            app.kubernetes.io/component: serving
                            app.kubernetes.io/managed-by: bighead
                            bighead.org/model: listing-price
                            bighead.org/model-version: "7"
                        spec:
                          type: ClusterIP
                          selector:
                            app.kubernetes.io/name: listing-price
                          ports:
                          - name: http
                            port: 80
                            targetPort: http
                            protocol: TCP
                        ---
                        apiVersion: autoscaling/v2
                        kind: HorizontalPodAutoscaler
                        metadata:
                          name: listing-price
                          labels:
                            app.kubernetes.io/name: listing-price
                            app.kubernetes.io/component: serving
                            app.kubernetes.io/managed-by: bighead
                            bighead.org/model: listing-price
                            bighead.org/model-version: "7"
                        spec:
                          scaleTargetRef:
                            apiVersion: apps/v1
                            kind: Deployment
                            name: listing-price
                          minReplicas: 2
                          maxReplicas: 6
                          metrics:
                          - type: Resource
                            resource:
                              name: cpu
                              target:
                                type: Utilization
                                averageUtilization: 70
                        """);
    }

    @Test
    void theJsonHasTheSameThreeObjectsWithTypedNumbers() throws Exception {
        JsonNode all = new ObjectMapper().readTree(KubernetesManifests.json(SPEC));
        assertThat(all).hasSize(3);
        assertThat(all.get(0).path("kind").asText()).isEqualTo("Deployment");
        assertThat(all.get(0).at("/spec/replicas").isInt()).isTrue();
        assertThat(all.get(1).at("/spec/ports/0/port").asInt()).isEqualTo(80);
        assertThat(all.get(2).at("/spec/scaleTargetRef/name").asText()).isEqualTo("listing-price");
    }

    @Test
    void theServiceSelectsThePodsTheDeploymentMakes() {
        var manifests = KubernetesManifests.render(SPEC);
        @SuppressWarnings("unchecked")
        var podLabels = (java.util.Map<String, Object>) ((java.util.Map<String, Object>)
                        ((java.util.Map<String, Object>) ((java.util.Map<String, Object>)
                                                manifests.get(0).get("spec"))
                                        .get("template"))
                                .get("metadata"))
                .get("labels");
        @SuppressWarnings("unchecked")
        var selector = (java.util.Map<String, Object>)
                ((java.util.Map<String, Object>) manifests.get(1).get("spec")).get("selector");
        assertThat(podLabels).containsAllEntriesOf(selector);
    }
}
