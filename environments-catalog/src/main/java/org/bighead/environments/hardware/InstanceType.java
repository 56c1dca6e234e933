package org.bighead.environments.hardware;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A piece of hardware to run an environment on, named as AWS names it ({@code m5.xlarge}): what `./bighead hardware
 * list` prints, what the hub's form offers and what the compute back ends size a container or an instance by.
 *
 * @param gpuModel {@code null} when {@code gpus} is 0, else maker and model ({@code NVIDIA V100})
 * @param gpuMemoryMib the memory of all the type's GPUs together (EC2's {@code TotalGpuMemoryInMiB}), 0 without GPUs
 * @param pricePerHour on-demand USD per hour in us-east-1 (Linux), or {@code null} when unknown
 */
public record InstanceType(
        String name,
        int vcpus,
        @JsonProperty("memory_mib") long memoryMib,
        int gpus,
        @JsonProperty("gpu_model") String gpuModel,
        @JsonProperty("gpu_memory_mib") long gpuMemoryMib,
        @JsonProperty("price_per_hour") Double pricePerHour) {

    public InstanceType {
        Objects.requireNonNull(name, "name");
        if (vcpus < 1 || memoryMib < 1 || gpus < 0 || gpuMemoryMib < 0) {
            throw new IllegalArgumentException("instance type " + name + ": vcpus and memory must be positive");
        }
    }

    /** Whether it has at least one GPU. */
    public boolean hasGpu() {
        return gpus > 0;
    }

    /** The GPUs: {@code "1 × NVIDIA T4 (16 GiB)"} (the memory of all of them together), or {@code "none"}. */
    public String gpuSummary() {
        if (!hasGpu()) {
            return "none";
        }
        return gpus + " × " + gpuModelOrGeneric()
                + (gpuMemoryMib > 0 ? " (" + HardwareTable.gib(gpuMemoryMib) + ")" : "");
    }

    /** One line for people: {@code "2 vCPUs, 8 GiB, no GPU, $0.096/hour"}. */
    public String summary() {
        return vcpus + (vcpus == 1 ? " vCPU, " : " vCPUs, ") + HardwareTable.gib(memoryMib) + ", "
                + (hasGpu() ? gpuSummary() : "no GPU") + ", " + HardwareTable.price(pricePerHour);
    }

    String gpuModelOrGeneric() {
        return gpuModel == null || gpuModel.isBlank() ? "GPU" : gpuModel;
    }
}
