package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.bighead.environments.catalog.Catalog;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.bighead.magics.NotebookEnvironment.CatalogFound;
import org.bighead.magics.NotebookEnvironment.Gpu;
import org.bighead.magics.NotebookEnvironment.Kernel;
import org.bighead.pipeline.viz.Displayable;
import org.junit.jupiter.api.Test;

/** %bighead env: the notebook's environment and hardware and what the kernel sees, composed from fixed facts. */
class NotebookEnvironmentTest {
    static final HardwareCatalog HARDWARE = new HardwareCatalog(
            List.of(
                    new InstanceType("m5.large", 2, 8192, 0, null, 0, 0.096),
                    new InstanceType("g5.xlarge", 4, 16384, 1, "NVIDIA A10G", 24576, 1.006)),
            "test");
    static final Catalog CATALOG = new Catalog(List.of(new EnvironmentSpec(
            "cpu",
            "CPU, XGBoost + DJL",
            null,
            17,
            Set.of(),
            List.of(),
            List.of(),
            List.of(),
            false,
            Map.of(),
            "catalog/cpu.yaml")));
    static final CatalogFound IN_IMAGE = new CatalogFound(Path.of("/opt/bighead/catalog"), CATALOG, null);
    static final Map<String, String> STARTED_BY_THE_HUB = Map.of(
            "BIGHEAD_ENVIRONMENT", "cpu",
            "BIGHEAD_INSTANCE_TYPE", "m5.large",
            "BIGHEAD_IMAGE", "bighead/env-cpu-notebook:3c24fcaa4aa9",
            "BIGHEAD_BACKEND", "ec2");
    static final Kernel IN_A_CONTAINER =
            new Kernel("17.0.12", "Eclipse Adoptium", "/opt/java", 2, 2L << 30, "8589934592\n", null, null);

    @Test
    void cgroupsMemoryMaxIsALimitInBytesOrMax() {
        assertThat(NotebookEnvironment.memoryLimit("8589934592\n")).hasValue(8L << 30);
        assertThat(NotebookEnvironment.memoryLimit("max\n")).isEmpty();
        assertThat(NotebookEnvironment.memoryLimit("")).isEmpty();
        assertThat(NotebookEnvironment.memoryLimit(null)).isEmpty();
        assertThat(NotebookEnvironment.memoryLimit("99999999999999999999")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void nvidiaSmisCsvGivesOneGpuPerLine() {
        String csv = "0, NVIDIA A10G, 23028 MiB\n1, NVIDIA A100-SXM4-40GB, 40960 MiB\n\nNo devices were found\n";

        assertThat(NotebookEnvironment.gpus(csv))
                .containsExactly(
                        new Gpu("0", "NVIDIA A10G", "23028 MiB"), new Gpu("1", "NVIDIA A100-SXM4-40GB", "40960 MiB"));
        assertThat(NotebookEnvironment.gpus("0, Tesla, the big one, 16384 MiB"))
                .as("a comma in the name")
                .containsExactly(new Gpu("0", "Tesla, the big one", "16384 MiB"));
        assertThat(NotebookEnvironment.gpus("")).isEmpty();
        assertThat(NotebookEnvironment.gpus(null)).isEmpty();
    }

    @Test
    void aNotebookTheHubStartedNamesItsEnvironmentTypeImageAndBackEnd() {
        assertThat(NotebookEnvironment.notebook(STARTED_BY_THE_HUB, HARDWARE, IN_IMAGE))
                .containsExactly(
                        Map.entry("environment", "cpu"),
                        Map.entry("description", "CPU, XGBoost + DJL"),
                        Map.entry("instance type", "m5.large: 2 vCPUs, 8 GiB, no GPU, $0.096/hour"),
                        Map.entry("image", "bighead/env-cpu-notebook:3c24fcaa4aa9"),
                        Map.entry("back end", "ec2"),
                        Map.entry("catalog", "/opt/bighead/catalog (1 environments)"));
    }

    @Test
    void theImageIdIsShownWhenTheHubGaveIt() {
        Map<String, String> env = new java.util.HashMap<>(STARTED_BY_THE_HUB);
        env.put("BIGHEAD_IMAGE_ID", "sha256:7829d1b78068");

        assertThat(NotebookEnvironment.notebook(env, HARDWARE, IN_IMAGE))
                .containsEntry("image id", "sha256:7829d1b78068");
    }

    @Test
    void aWorkstationKernelSaysSoAndLeavesTheRestUnknown() {
        Map<String, String> facts = NotebookEnvironment.notebook(Map.of(), HARDWARE, CatalogFound.NONE);

        assertThat(facts).containsEntry("environment", "none (a workstation kernel)");
        assertThat(facts).containsEntry("instance type", null).containsEntry("image", null);
        assertThat(facts).containsEntry("catalog", "none found (set BIGHEAD_CATALOG)");
        assertThat(facts).doesNotContainKey("description");
    }

    @Test
    void anUnknownTypeAndAnUnreadableCatalogAreNamed() {
        Map<String, String> facts = NotebookEnvironment.notebook(
                Map.of("BIGHEAD_ENVIRONMENT", "churn", "BIGHEAD_INSTANCE_TYPE", "z9.huge"),
                HARDWARE,
                new CatalogFound(Path.of("/cat"), null, "cpu.yaml: field 'jdk' is missing"));

        assertThat(facts)
                .containsEntry("environment", "churn")
                .containsEntry("instance type", "z9.huge (not in the hardware list)")
                .containsEntry("catalog", "/cat (not readable: cpu.yaml: field 'jdk' is missing)");
    }

    @Test
    void theKernelsViewNamesItsJdkCpusMemoryAndGpus() {
        assertThat(NotebookEnvironment.kernel(IN_A_CONTAINER))
                .containsExactly(
                        Map.entry("JDK", "17.0.12 (Eclipse Adoptium) at /opt/java"),
                        Map.entry("CPUs", "2"),
                        Map.entry("memory limit", "8 GiB (cgroup)"),
                        Map.entry("JVM max heap", "2 GiB"),
                        Map.entry("GPUs", "none"));

        Kernel gpuMachine = new Kernel(
                "21.0.4", "Amazon.com Inc.", "/opt/java", 4, 4L << 30, "max\n", "0, NVIDIA A10G, 23028 MiB\n", null);
        assertThat(NotebookEnvironment.kernel(gpuMachine))
                .containsEntry("memory limit", "no limit (cgroup)")
                .containsEntry("GPUs", "0: NVIDIA A10G (23028 MiB)");

        Kernel cgroupV1NoLimit = new Kernel("17", "v", "/j", 1, 1L << 30, "9223372036854771712\n", null, null);
        assertThat(NotebookEnvironment.kernel(cgroupV1NoLimit)).containsEntry("memory limit", "no limit (cgroup)");

        Kernel noDriver = new Kernel("17", "v", "/j", 1, 1L << 30, null, null, "exit 9: NVIDIA-SMI has failed");
        assertThat(NotebookEnvironment.kernel(noDriver))
                .containsEntry("memory limit", null)
                .containsEntry("GPUs", "none (nvidia-smi: exit 9: NVIDIA-SMI has failed)");
    }

    @Test
    void itShowsAsTwoKeyValueTablesAndAsAlignedText() {
        Shown shown = NotebookEnvironment.of(STARTED_BY_THE_HUB, HARDWARE, IN_IMAGE, IN_A_CONTAINER);

        assertThat(shown.text()).isEqualTo("""
                This notebook
                  environment    cpu
                  description    CPU, XGBoost + DJL
                  instance type  m5.large: 2 vCPUs, 8 GiB, no GPU, $0.096/hour
                  image          bighead/env-cpu-notebook:3c24fcaa4aa9
                  back end       ec2
                  catalog        /opt/bighead/catalog (1 environments)

                What the kernel sees
                  JDK            17.0.12 (Eclipse Adoptium) at /opt/java
                  CPUs           2
                  memory limit   8 GiB (cgroup)
                  JVM max heap   2 GiB
                  GPUs           none""");
        assertThat(shown.mimeBundle()).containsKeys(Displayable.TEXT_PLAIN, Displayable.TEXT_HTML);
        assertThat(shown.html())
                .contains("class=\"bh-kv\"", "This notebook", "What the kernel sees", "m5.large: 2 vCPUs")
                .contains("bighead/env-cpu-notebook:3c24fcaa4aa9");
    }
}
