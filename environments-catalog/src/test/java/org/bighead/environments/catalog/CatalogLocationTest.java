package org.bighead.environments.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a kernel finds the team's catalog: the variable, else the checkout it runs from, else nowhere. */
class CatalogLocationTest {
    @TempDir
    Path root;

    @Test
    void theVariableWinsEvenOverACheckout() throws IOException {
        Files.createDirectories(root.resolve("environments/catalog"));

        assertThat(CatalogLocation.find(Map.of("BIGHEAD_CATALOG", "/opt/bighead/catalog"), root.toString()))
                .contains(Path.of("/opt/bighead/catalog"));
    }

    @Test
    void withoutTheVariableTheCheckoutsCatalogIsUsedWhenItExists() throws IOException {
        Path catalog = Files.createDirectories(root.resolve("environments/catalog"));

        assertThat(CatalogLocation.find(Map.of(), root.toString())).contains(catalog);
        assertThat(CatalogLocation.find(Map.of("BIGHEAD_CATALOG", "  "), root.toString()))
                .as("a blank variable is unset")
                .contains(catalog);
    }

    @Test
    void aCheckoutWithoutACatalogOrNoCheckoutAtAllGivesNothing() {
        assertThat(CatalogLocation.find(Map.of(), root.toString())).isEmpty();
        assertThat(CatalogLocation.find(Map.of(), null)).isEmpty();
        assertThat(CatalogLocation.find(Map.of(), "")).isEmpty();
    }

    @Test
    void theCatalogFoundInThisCheckoutReadsLikeTheTeams() {
        Path home = CatalogReaderTest.HOME;

        Catalog catalog =
                Catalog.read(CatalogLocation.find(Map.of(), home.toString()).orElseThrow());

        assertThat(catalog.list()).extracting(EnvironmentSpec::name).contains("cpu", "gpu", "spark");
    }
}
