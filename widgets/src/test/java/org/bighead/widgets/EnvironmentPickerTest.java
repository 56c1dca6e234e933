package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.environments.catalog.Carry;
import org.bighead.environments.catalog.Catalog;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EnvironmentPicker: the catalog's environments with their descriptions, a CPU/GPU badge, this notebook's chosen. */
class EnvironmentPickerTest {
    static final EnvironmentSpec CPU = spec("cpu", "CPU, XGBoost + DJL", Set.of(Carry.XGBOOST), false);
    static final EnvironmentSpec GPU = spec("gpu", "GPU (CUDA)", Set.of(Carry.DJL_PYTORCH_CUDA), true);
    static final EnvironmentSpec BARE = spec("bare", "", Set.of(), false);

    static EnvironmentSpec spec(String name, String description, Set<Carry> carries, boolean gpu) {
        return new EnvironmentSpec(
                name, description, null, 17, carries, List.of(), List.of(), List.of(), gpu, Map.of(), "test");
    }

    @BeforeEach
    void connect() {
        FakeFrontend.connect();
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
    }

    @Test
    void theNotebooksEnvironmentIsChosenAndItsDetailsCarryAGpuBadge() {
        Picker<EnvironmentSpec> environment = EnvironmentPicker.of(List.of(CPU, GPU, BARE), "gpu");

        assertThat(environment.value()).isEqualTo(GPU);
        assertThat(environment.value().name()).isEqualTo("gpu");
        assertThat(environment.dropdown().options())
                .extracting(Option::label)
                .containsExactly("cpu — CPU, XGBoost + DJL", "gpu — GPU (CUDA)", "bare");
        assertThat(environment.details().value())
                .startsWith("<span class=\"bh-badge\"")
                .contains(">GPU</span>", "GPU (CUDA)", "djl-pytorch-cuda", "JDK");
    }

    @Test
    void aCpuEnvironmentShowsACpuBadgeAndWithoutACurrentOneTheFirstIsChosen() {
        Picker<EnvironmentSpec> environment = EnvironmentPicker.of(List.of(CPU, GPU), null);

        assertThat(environment.value()).isEqualTo(CPU);
        assertThat(environment.details().value()).contains(">CPU</span>", "xgboost");
        assertThat(EnvironmentPicker.of(List.of(CPU, GPU), "churn").value())
                .as("a derived environment the catalog lacks")
                .isEqualTo(CPU);
    }

    @Test
    void theTeamsCatalogInThisCheckoutCanBePicked() {
        Catalog team = Catalog.load(Path.of("..").toAbsolutePath().normalize());

        Picker<EnvironmentSpec> environment = EnvironmentPicker.of(team.list(), "spark");

        assertThat(environment.options()).extracting(EnvironmentSpec::name).contains("cpu", "gpu", "spark");
        assertThat(environment.value().carries()).contains(Carry.SPARK);
    }
}
