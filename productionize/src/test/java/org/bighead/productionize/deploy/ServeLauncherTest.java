package org.bighead.productionize.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServeLauncherTest {
    @Test
    void aCheckoutServesThroughItsOwnBigheadScript() {
        ServeLauncher launcher = ServeLauncher.find(
                Map.of("BIGHEAD_ROOT", "/src/bighead"),
                null,
                Set.of(Path.of("/src/bighead/bighead"))::contains,
                "java");
        assertThat(launcher.command("listing-price@champion", 8080, "http://127.0.0.1:8470"))
                .containsExactly(
                        "/src/bighead/bighead",
                        "serve",
                        "listing-price@champion",
                        "--port",
                        "8080",
                        "--registry",
                        "http://127.0.0.1:8470");
    }

    @Test
    void theSystemPropertyNamesTheCheckoutWhenTheVariableDoesNot() {
        ServeLauncher launcher = ServeLauncher.find(
                Map.of(), "/opt/checkout", Set.of(Path.of("/opt/checkout/bighead"))::contains, "java");
        assertThat(launcher.prefix()).containsExactly("/opt/checkout/bighead", "serve");
    }

    @Test
    void insideAnEnvironmentsImageTheImagesLauncherServes() {
        ServeLauncher launcher = ServeLauncher.find(
                Map.of(),
                null,
                Set.of(Path.of("/opt/bighead/bin/bighead-serve"), Path.of("/opt/bighead/lib"))::contains,
                "java");
        assertThat(launcher.prefix()).containsExactly("/opt/bighead/bin/bighead-serve");
    }

    @Test
    void withOnlyTheImagesClassPathJavaRunsTheServerOnIt() {
        ServeLauncher launcher =
                ServeLauncher.find(Map.of(), null, Set.of(Path.of("/opt/bighead/lib"))::contains, "/opt/java/bin/java");
        assertThat(launcher.prefix())
                .containsExactly(
                        "/opt/java/bin/java",
                        "-Dai.djl.offline=true",
                        "-cp",
                        "/opt/bighead/lib/user/*:/opt/bighead/lib/bighead/*:/opt/bighead/lib/deps/*",
                        "org.bighead.serving.ServeMain");
    }

    @Test
    void withNeitherACheckoutNorAnImageItSaysWhatToSet() {
        assertThatThrownBy(() -> ServeLauncher.find(Map.of("BIGHEAD_ROOT", "/nowhere"), null, p -> false, "java"))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("set BIGHEAD_ROOT");
    }
}
