package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HardwarePicker: the instance types with their facts, a GPU filter, and this notebook's type chosen. */
class HardwarePickerTest {
    static final InstanceType M5 = new InstanceType("m5.large", 2, 8192, 0, null, 0, 0.096);
    static final InstanceType M5X = new InstanceType("m5.xlarge", 4, 16384, 0, null, 0, 0.192);
    static final InstanceType G4 = new InstanceType("g4dn.xlarge", 4, 16384, 1, "NVIDIA T4", 16384, 0.526);

    private FakeFrontend browser;

    @BeforeEach
    void connect() {
        browser = FakeFrontend.connect();
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
    }

    @Test
    void theNotebooksInstanceTypeIsChosenWithItsFactsBelow() {
        Picker<InstanceType> hardware = HardwarePicker.of(List.of(M5, M5X, G4), "m5.xlarge");

        assertThat(hardware.value()).isEqualTo(M5X);
        assertThat(hardware.dropdown().label()).isEqualTo("m5.xlarge — 4 vCPUs, 16 GiB, no GPU, $0.192/hour");
        assertThat(hardware.details().value()).contains("vCPU", ">4<", "16 GiB", ">none<", "$/hour", "0.192");
    }

    @Test
    void gpuOnlyOffersTheGpuTypesAndTheChoiceIsAnInstanceType() {
        Picker<InstanceType> hardware = HardwarePicker.of(List.of(M5, M5X, G4), null);
        browser.fromBrowser(hardware.filterBox().modelId(), """
                {"method": "update", "state": {"value": true}, "buffer_paths": []}""");

        assertThat(hardware.options()).containsExactly(G4);
        InstanceType chosen = hardware.value();
        assertThat(chosen.gpus()).isEqualTo(1);
        assertThat(hardware.details().value()).contains("1 × NVIDIA T4 (16 GiB)", "0.526");
        assertThat(hardware.filterBox().description()).isEqualTo("GPU only");
    }

    @Test
    void withoutAKnownCurrentTypeTheFirstIsChosen() {
        assertThat(HardwarePicker.of(List.of(M5, G4), null).value()).isEqualTo(M5);
        assertThat(HardwarePicker.of(List.of(M5, G4), "z9.huge").value()).isEqualTo(M5);
    }

    @Test
    void showOffersTheBundledSnapshot() {
        Picker<InstanceType> hardware = HardwarePicker.show();

        assertThat(hardware.options()).hasSameSizeAs(HardwareCatalog.snapshot().list());
        assertThat(hardware.options()).extracting(InstanceType::name).contains("m5.large", "p3.2xlarge");
    }
}
