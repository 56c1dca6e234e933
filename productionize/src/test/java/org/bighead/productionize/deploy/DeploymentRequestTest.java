package org.bighead.productionize.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeploymentRequestTest {
    @Test
    void aNameAndAModelAreEnoughForALocalDeploymentOnAFreePort() {
        DeploymentRequest r = DeploymentRequest.builder("listing-price", "listing-price@champion")
                .build();
        assertThat(r.target()).isEqualTo(Target.LOCAL);
        assertThat(r.port()).isNull();
        assertThat(r.replicas()).isEqualTo(1);
    }

    @Test
    void namesAreWhatAFileAContainerAndAKubernetesObjectAllAccept() {
        assertThat(DeploymentNames.check("lp-2")).isEqualTo("lp-2");
        for (String bad : new String[] {"LP", "2lp", "lp-", "lp_2", "l p", "a".repeat(41)}) {
            assertThatThrownBy(() -> DeploymentNames.check(bad))
                    .as(bad)
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> DeploymentNames.check("")).hasMessageContaining("needs a name");
    }

    @Test
    void aModelNameBecomesAValidDeploymentName() {
        assertThat(DeploymentNames.fromModel("Listing_Price")).isEqualTo("listing-price");
        assertThat(DeploymentNames.fromModel("9lives")).isEqualTo("lives");
        assertThat(DeploymentNames.fromModel("___")).isEqualTo("model");
    }

    @Test
    void badInputIsOneLineSayingWhatIsValid() {
        assertThatThrownBy(() -> DeploymentRequest.builder("lp", " ").build())
                .hasMessageContaining("needs a model")
                .hasMessageContaining("listing-price@champion");
        assertThatThrownBy(
                        () -> DeploymentRequest.builder("lp", "m").port(70000).build())
                .hasMessage("--port must be from 1 to 65535, got 70000");
        assertThatThrownBy(() -> DeploymentRequest.builder("lp", "m")
                        .target(Target.KUBERNETES)
                        .build())
                .hasMessageContaining("--k8s DIR");
        assertThatThrownBy(() -> DeploymentRequest.builder("lp", "m")
                        .kubernetes(Path.of("k8s"))
                        .replicas(3, 2)
                        .build())
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> Target.parse("kube")).hasMessage("unknown target 'kube' (valid: local, docker, k8s)");
    }

    @Test
    void theStateFileRoundTripsAndLeavesOutWhatATargetDoesNotUse(@org.junit.jupiter.api.io.TempDir Path dir) {
        DeploymentState state = new DeploymentState(dir);
        Deployment d = new Deployment(
                "lp",
                "local",
                "listing-price",
                "listing-price@champion",
                7,
                "http://127.0.0.1:8080",
                Deployment.endpointOf("http://127.0.0.1:8080", "listing-price"),
                8080,
                4242L,
                "2026-12-07T02:00:00Z",
                null,
                null,
                null,
                null,
                dir.resolve("lp.log").toString(),
                "http://127.0.0.1:8470",
                "2026-12-07T02:00:01Z",
                "running");
        state.save(d);
        assertThat(state.find("lp")).contains(d);
        assertThat(state.list()).containsExactly(d);
        assertThat(dir.resolve("lp.json")).content().doesNotContain("container").contains("\"model_ref\"");
        state.delete("lp");
        assertThat(state.find("lp")).isEmpty();
    }

    @Test
    void theLastLineOfAServersOutputSaysWhyItStopped() {
        assertThat(Readiness.lastLine("Starting\nbighead serve: port 8080 is in use\n\n"))
                .isEqualTo(": bighead serve: port 8080 is in use");
        assertThat(Readiness.lastLine("")).isEmpty();
    }
}
