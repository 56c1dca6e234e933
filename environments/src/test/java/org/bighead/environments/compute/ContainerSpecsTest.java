package org.bighead.environments.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.bighead.environments.compute.docker.ContainerSpecs;
import org.bighead.environments.compute.docker.ContainerSpecs.Host;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.junit.jupiter.api.Test;

class ContainerSpecsTest {
    static final Host LAPTOP = new Host(8, 32L << 30, 0);
    static final Host GPU_BOX = new Host(32, 256L << 30, 4);
    final HardwareCatalog hardware = HardwareCatalog.snapshot();

    @Test
    void aContainerGetsItsTypesCpusAndMemoryAndBigheadsLabels() {
        LaunchSpec spec = LaunchSpec.builder("bighead/env-cpu:abc", hardware.require("m5.xlarge"))
                .command("java", "-version")
                .env("B", "2")
                .env("A", "1")
                .label(Compute.OWNER, "ana")
                .build();

        ContainerSpecs.ContainerSpec c = ContainerSpecs.of(spec, LAPTOP, Set.of());

        assertThat(c.nanoCpus()).isEqualTo(4_000_000_000L);
        assertThat(c.memoryBytes()).isEqualTo(16384L * 1024 * 1024);
        assertThat(c.env()).containsExactly("A=1", "B=2");
        assertThat(c.labels())
                .containsEntry(Compute.MANAGED_BY, "bighead")
                .containsEntry(Compute.OWNER, "ana")
                .containsEntry(ContainerSpecs.INSTANCE_TYPE, "m5.xlarge");
        assertThat(c.gpuIds()).isEmpty();
    }

    @Test
    void aTypeLargerThanTheHostIsRefusedSayingWhatTheHostHas() {
        LaunchSpec spec = LaunchSpec.builder("img", new InstanceType("m5.4xlarge", 16, 65536, 0, null, 0, 0.768))
                .build();

        assertThatThrownBy(() -> ContainerSpecs.of(spec, new Host(2, 24L << 30, 0), Set.of()))
                .isInstanceOf(ComputeException.class)
                .hasMessage("m5.4xlarge needs 16 vCPUs and 65,536 MiB; this host has 2 vCPUs and 24,576 MiB: pick a"
                        + " type that fits (./bighead hardware list)");
    }

    @Test
    void aGpuTypeNeedsAHostWithGpus() {
        LaunchSpec spec =
                LaunchSpec.builder("img", hardware.require("p3.2xlarge")).build();

        assertThatThrownBy(() -> ContainerSpecs.of(spec, new Host(64, 512L << 30, 0), Set.of()))
                .hasMessageContaining("p3.2xlarge has 1 GPU(s) and this host has none");
    }

    @Test
    void eachContainerGetsGpusNoOtherHolds() {
        LaunchSpec spec =
                LaunchSpec.builder("img", hardware.require("p3.2xlarge")).build();

        assertThat(ContainerSpecs.of(spec, GPU_BOX, Set.of()).gpuIds()).containsExactly("0");
        assertThat(ContainerSpecs.of(spec, GPU_BOX, Set.of("0", "1")).gpuIds()).containsExactly("2");
        assertThat(ContainerSpecs.of(spec, GPU_BOX, Set.of("0", "1")).labels()).containsEntry(ContainerSpecs.GPUS, "2");
        assertThatThrownBy(() -> ContainerSpecs.of(spec, GPU_BOX, Set.of("0", "1", "2", "3")))
                .hasMessageContaining("0 of 4 on this host are free");
    }
}
