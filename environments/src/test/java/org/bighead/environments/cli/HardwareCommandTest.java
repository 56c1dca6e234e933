package org.bighead.environments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code hardware list} on the bundled snapshot (no AWS configured). */
class HardwareCommandTest {
    private static final Map<String, String> NO_AWS = Map.of();

    @Test
    void jsonIsExactlyTheArrayOfTypes() throws Exception {
        HardwareCommandRun r = HardwareCommandRun.run(NO_AWS, "list", "--json");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode array = HardwareCommandRun.json(r.out);
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThan(40);
        for (JsonNode type : array) {
            assertThat(HardwareCommandRun.keys(type))
                    .containsExactly(
                            "name", "vcpus", "memory_mib", "gpus", "gpu_model", "gpu_memory_mib", "price_per_hour");
        }
        JsonNode m5 = find(array, "m5.xlarge");
        assertThat(m5.get("vcpus").asInt()).isEqualTo(4);
        assertThat(m5.get("memory_mib").asLong()).isEqualTo(16384);
        assertThat(m5.get("gpu_model").isNull()).isTrue();
        JsonNode p3 = find(array, "p3.2xlarge");
        assertThat(p3.get("gpus").asInt()).isEqualTo(1);
        assertThat(p3.get("gpu_model").asText()).isEqualTo("NVIDIA V100");
        assertThat(p3.get("price_per_hour").asDouble()).isEqualTo(3.06);
    }

    @Test
    void gpuOnlyGpuTypes() throws Exception {
        HardwareCommandRun r = HardwareCommandRun.run(NO_AWS, "list", "--gpu", "--json");
        assertThat(r.exit).isZero();
        JsonNode array = HardwareCommandRun.json(r.out);
        assertThat(array.size()).isGreaterThan(10);
        for (JsonNode type : array) {
            assertThat(type.get("gpus").asInt()).as(type.get("name").asText()).isPositive();
        }
    }

    @Test
    void aReadableTableAndItsSource() {
        HardwareCommandRun r = HardwareCommandRun.run(NO_AWS, "list");
        assertThat(r.exit).as(r.err).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines.get(0)).matches("NAME +VCPUS +MEMORY +GPUS +GPU +GPU MEMORY +USD/HOUR");
        assertThat(lines).anyMatch(l -> l.matches("m5\\.xlarge +4 +16 GiB +0 +- +- +0\\.1920"));
        assertThat(lines).anyMatch(l -> l.matches("p3\\.2xlarge +8 +61 GiB +1 +NVIDIA V100 +16 GiB +3\\.0600"));
        assertThat(lines.get(lines.size() - 1)).matches("Source: snapshot of \\d{4}-\\d{2}-\\d{2} prices, us-east-1");
        // aligned: every row has the price column ending at the same place
        int width = lines.get(0).length();
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.length() == width);
    }

    @Test
    void helpOnEachCommand() {
        HardwareCommandRun top = HardwareCommandRun.run(NO_AWS, "--help");
        assertThat(top.exit).isZero();
        assertThat(top.out).contains("Usage: hardware").contains("list");
        HardwareCommandRun list = HardwareCommandRun.run(NO_AWS, "list", "--help");
        assertThat(list.exit).isZero();
        assertThat(list.out).contains("--gpu").contains("--json").contains("--region");
        HardwareCommandRun bare = HardwareCommandRun.run(NO_AWS);
        assertThat(bare.exit).isZero();
        assertThat(bare.out).contains("Usage: hardware");
    }

    @Test
    void aBadSettingIsOneLine() {
        HardwareCommandRun r = HardwareCommandRun.run(Map.of("BIGHEAD_AWS_ENDPOINT", "not a url"), "list");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err.strip())
                .startsWith("hardware list: the setting aws.endpoint")
                .doesNotContain("\n");
        assertThat(r.err).doesNotContain("Exception");
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode type : array) {
            if (type.get("name").asText().equals(name)) {
                return type;
            }
        }
        throw new AssertionError(name + " not listed");
    }
}
