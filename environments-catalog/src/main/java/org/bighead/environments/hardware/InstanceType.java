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

    public boolean hasGpu() {
        return gpus > 0;
    }
}
