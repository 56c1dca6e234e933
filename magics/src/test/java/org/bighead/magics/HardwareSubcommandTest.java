package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.junit.jupiter.api.Test;

/** %bighead hardware: the instance types with their size, GPUs and price, as a table and as text. */
class HardwareSubcommandTest {
    static final HardwareCatalog HARDWARE = new HardwareCatalog(
            List.of(
                    new InstanceType("m5.large", 2, 8192, 0, null, 0, 0.096),
                    new InstanceType("g4dn.xlarge", 4, 16384, 1, "NVIDIA T4", 16384, 0.526)),
            "snapshot of 2025-05-01 prices, us-east-1");

    @Test
    void theTableNamesEveryTypeWithItsSizeGpusAndPriceAndThisNotebooksType() {
        Shown shown = HardwareSubcommand.table(HARDWARE, "m5.large");

        assertThat(shown.text()).isEqualTo("""
                NAME         VCPUS  MEMORY  GPUS  GPU        GPU MEMORY  USD/HOUR
                m5.large         2   8 GiB     0  -                   -    0.0960
                g4dn.xlarge      4  16 GiB     1  NVIDIA T4      16 GiB    0.5260
                Source: snapshot of 2025-05-01 prices, us-east-1.
                This notebook runs on m5.large.""");
        assertThat(shown.html())
                .contains("class=\"bh-table\"", ">name<", ">vCPUs<", ">memory GiB<", ">GPUs<", ">$/hour<")
                .contains(">g4dn.xlarge<", "1 × NVIDIA T4 (16 GiB)", ">0.526<")
                .contains("Source: snapshot of 2025-05-01 prices, us-east-1. This notebook runs on m5.large.");
    }

    @Test
    void gpuListsOnlyTheGpuTypes() {
        FakeContext context = FakeContext.create();

        Object all = context.run("%bighead hardware");
        Object gpu = context.run("%bighead hardware --gpu");

        assertThat(all.toString()).contains("m5.large", "p3.2xlarge", "Source: snapshot of ");
        assertThat(gpu.toString()).contains("p3.2xlarge", "g4dn.xlarge").doesNotContain("m5.large");
    }
}
