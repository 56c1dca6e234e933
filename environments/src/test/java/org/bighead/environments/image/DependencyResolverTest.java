package org.bighead.environments.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.environments.catalog.Carry;
import org.bighead.environments.catalog.CatalogException;
import org.junit.jupiter.api.Test;

class DependencyResolverTest {
    static final Path HOME =
            Path.of(System.getProperty("bighead.root", "..")).toAbsolutePath().normalize();
    final FileDigests digests = new FileDigests(null);
    final DependencyResolver resolver = new DependencyResolver(digests, Map.of());
    final Distribution bighead = Distribution.load(HOME, digests);

    @Test
    void bigheadsJarsAreSplitIntoItsOwnAndThirdPartyOnesWithCoordinates() {
        assertThat(bighead.bighead()).extracting(Artifact::coordinate).anyMatch(c -> c.startsWith("bighead:"));
        assertThat(bighead.dependencies())
                .extracting(Artifact::coordinate)
                .anyMatch(c -> c.startsWith("ml.dmlc:xgboost4j_2.12:"))
                .anyMatch(c -> c.startsWith("ai.djl.pytorch:pytorch-native-cpu:linux-x86_64:"))
                .noneMatch(c -> c.startsWith("org.slf4j:slf4j-nop:"));
        assertThat(bighead.resolver()).isNotEmpty();
    }

    @Test
    void eachOfBigheadsOwnJarsBringsTheSourcesJarMavenBuiltBesideIt() {
        // the kernel reads Bighead's Javadoc from them (Shift+Tab in the images' notebooks)
        assertThat(bighead.sources())
                .extracting(Artifact::coordinate)
                .containsExactlyInAnyOrderElementsOf(bighead.bighead().stream()
                        .map(a -> "sources:" + a.fileName().replaceFirst("\\.jar$", "-sources.jar"))
                        .toList());
        assertThat(bighead.sources()).allSatisfy(a -> assertThat(a.file()).isRegularFile());
        assertThat(bighead.sources())
                .extracting(Artifact::coordinate)
                .contains("sources:bighead-pipeline-" + bighead.version() + "-sources.jar");
    }

    @Test
    void pytorchsCpuNativesGoOnlyWhereTheEnvironmentCarriesThem() {
        Lock withTorch = resolver.resolve(bighead, Set.of(Carry.XGBOOST, Carry.DJL_PYTORCH_CPU), List.of(), List.of());
        Lock without = resolver.resolve(bighead, Set.of(Carry.XGBOOST), List.of(), List.of());

        assertThat(withTorch.dependencies()).anyMatch(a -> a.coordinate().startsWith("ai.djl.pytorch:pytorch-native"));
        assertThat(without.dependencies()).noneMatch(a -> a.coordinate().startsWith("ai.djl.pytorch:pytorch-native"));
        assertThat(withTorch.hash()).isNotEqualTo(without.hash());
        assertThat(resolver.resolve(bighead, Set.of(Carry.XGBOOST), List.of(), List.of())
                        .hash())
                .isEqualTo(without.hash());
    }

    @Test
    void anotherVersionOfACarriedLibraryIsRefusedBeforeAnythingIsResolved() {
        assertThatThrownBy(() -> resolver.resolve(
                        bighead, Set.of(), List.of(), List.of("com.fasterxml.jackson.core:jackson-databind:2.15.0")))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("version conflict: com.fasterxml.jackson.core:jackson-databind:2.15.0 asked"
                        + " for, but the environment carries com.fasterxml.jackson.core:jackson-databind:");
    }

    @Test
    void aMalformedCoordinateIsRefusedWithTheResolversReason() {
        assertThatThrownBy(() -> resolver.resolve(bighead, Set.of(), List.of(), List.of("not a coordinate")))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("the environment's Maven coordinates do not resolve: ");
    }
}
