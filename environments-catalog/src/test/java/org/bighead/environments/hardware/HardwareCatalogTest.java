package org.bighead.environments.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled snapshot of real AWS instance types. */
class HardwareCatalogTest {
    private final HardwareCatalog catalog = HardwareCatalog.snapshot();

    @Test
    void holdsRealSpecs() {
        assertThat(catalog.require("m5.xlarge")).isEqualTo(new InstanceType("m5.xlarge", 4, 16384, 0, null, 0, 0.192));
        InstanceType p3 = catalog.require("p3.2xlarge");
        assertThat(p3.vcpus()).isEqualTo(8);
        assertThat(p3.memoryMib()).isEqualTo(62464);
        assertThat(p3.gpus()).isEqualTo(1);
        assertThat(p3.gpuModel()).isEqualTo("NVIDIA V100");
        assertThat(catalog.require("p4d.24xlarge").gpus()).isEqualTo(8);
        assertThat(catalog.require("g4dn.xlarge").gpuModel()).isEqualTo("NVIDIA T4");
        assertThat(catalog.require("g5.xlarge").gpuModel()).isEqualTo("NVIDIA A10G");
        assertThat(catalog.require("g6.xlarge").gpuModel()).isEqualTo("NVIDIA L4");
    }

    @Test
    void coversTheFamiliesWithPricesAndADate() {
        List<String> names = catalog.list().stream().map(InstanceType::name).toList();
        for (String family : List.of("t3", "m5", "c5", "r5")) {
            for (String size : List.of("large", "xlarge", "2xlarge")) {
                assertThat(names).contains(family + "." + size);
            }
        }
        assertThat(names).contains("t3.medium", "m5.4xlarge", "c5.4xlarge", "r5.4xlarge", "p3.8xlarge");
        for (String family : List.of("g4dn", "g5", "g6")) {
            for (String size : List.of("xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge")) {
                assertThat(names).contains(family + "." + size);
            }
        }
        assertThat(catalog.list()).allMatch(t -> t.pricePerHour() != null && t.pricePerHour() > 0);
        assertThat(catalog.list()).allMatch(t -> t.hasGpu() == (t.gpuModel() != null));
        assertThat(catalog.source()).matches("snapshot of \\d{4}-\\d{2}-\\d{2} prices, us-east-1");
        assertThat(catalog.prices()).containsEntry("p3.2xlarge", 3.06);
    }

    @Test
    void cpuTypesComeFirstAndGpuOnlyKeepsTheGpuOnes() {
        assertThat(catalog.list().get(0).hasGpu()).isFalse();
        assertThat(catalog.gpuOnly().list()).isNotEmpty().allMatch(InstanceType::hasGpu);
        assertThat(catalog.gpuOnly().source()).isEqualTo(catalog.source());
    }

    @Test
    void anUnknownTypeNamesValidOnes() {
        assertThatThrownBy(() -> catalog.require("m5.huge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown instance type 'm5.huge' (valid: c5.large, t3.medium");
    }
}
