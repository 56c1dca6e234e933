package org.bighead.environments.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Instance types as people read them: one-line summaries, sizes, prices and the aligned table. */
class HardwareTableTest {
    static final InstanceType M5 = new InstanceType("m5.large", 2, 8192, 0, null, 0, 0.096);
    static final InstanceType G4 = new InstanceType("g4dn.xlarge", 4, 16384, 1, "NVIDIA T4", 16384, 0.526);
    static final InstanceType ODD = new InstanceType("x.odd", 1, 1536, 2, null, 0, null);

    @Test
    void aSummaryNamesCpusMemoryGpusAndThePrice() {
        assertThat(M5.summary()).isEqualTo("2 vCPUs, 8 GiB, no GPU, $0.096/hour");
        assertThat(G4.summary()).isEqualTo("4 vCPUs, 16 GiB, 1 × NVIDIA T4 (16 GiB), $0.526/hour");
        assertThat(ODD.summary()).isEqualTo("1 vCPU, 1.5 GiB, 2 × GPU, price unknown");
        assertThat(M5.gpuSummary()).isEqualTo("none");
    }

    @Test
    void sizesArePlainGibAndPricesKeepTheirDigits() {
        assertThat(HardwareTable.gib(62464)).isEqualTo("61 GiB");
        assertThat(HardwareTable.gib(15667)).isEqualTo("15.3 GiB");
        assertThat(HardwareTable.gibOfBytes(8L << 30)).isEqualTo("8 GiB");
        assertThat(HardwareTable.price(32.7726)).isEqualTo("$32.7726/hour");
        assertThat(HardwareTable.price(3.0)).isEqualTo("$3/hour");
    }

    @Test
    void theTableAlignsTextLeftAndNumbersRight() {
        assertThat(HardwareTable.text(List.of(M5, G4, ODD))).isEqualTo("""
                        NAME         VCPUS   MEMORY  GPUS  GPU        GPU MEMORY  USD/HOUR
                        m5.large         2    8 GiB     0  -                   -    0.0960
                        g4dn.xlarge      4   16 GiB     1  NVIDIA T4      16 GiB    0.5260
                        x.odd            1  1.5 GiB     2  GPU                 ?         ?
                        """);
    }
}
