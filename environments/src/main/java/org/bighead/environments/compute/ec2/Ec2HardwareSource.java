package org.bighead.environments.compute.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.GpuInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * The instance types of the families Bighead offers, live from EC2 {@code DescribeInstanceTypes} (every page), with
 * the bundled snapshot's on-demand prices merged in by name (EC2 has no prices; types the snapshot lacks have
 * none).
 */
public final class Ec2HardwareSource {
    /** The families listed: general purpose, compute, memory, burstable, and the GPU ones. */
    public static final List<String> FAMILIES = List.of("t3", "m5", "c5", "r5", "p3", "p4d", "g4dn", "g5", "g6");

    private Ec2HardwareSource() {}

    /**
     * The live list when AWS is configured, else the snapshot. When EC2 cannot be asked (no credentials, no network)
     * the snapshot answers, and its source says why.
     */
    public static HardwareCatalog catalog(Ec2Settings settings, AwsCredentialsProvider credentials) {
        HardwareCatalog snapshot = HardwareCatalog.snapshot();
        if (!settings.configured()) {
            return snapshot;
        }
        try (Ec2Client ec2 = settings.newClient(credentials)) {
            return catalog(ec2, settings.region(), snapshot);
        } catch (ComputeException e) {
            return new HardwareCatalog(snapshot.list(), snapshot.source() + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Every type of {@link #FAMILIES} that {@code ec2} describes, priced from {@code prices}' catalog.
     *
     * @throws ComputeException with EC2's message when the call fails
     */
    public static HardwareCatalog catalog(Ec2Client ec2, String region, HardwareCatalog prices) {
        Map<String, Double> price = prices.prices();
        List<InstanceType> types = new ArrayList<>();
        try {
            ec2.describeInstanceTypesPaginator(request()).instanceTypes().forEach(info -> {
                if (!Boolean.TRUE.equals(info.bareMetal())) {
                    types.add(toInstanceType(info, price.get(info.instanceTypeAsString())));
                }
            });
        } catch (SdkException e) {
            throw new ComputeException("EC2 DescribeInstanceTypes in " + region + " failed: " + brief(e), e);
        }
        return new HardwareCatalog(
                types, "EC2 DescribeInstanceTypes in " + region + " (prices: " + prices.source() + ")");
    }

    /** EC2's code and message, or the first line of a client error (the credential chain's is long). */
    static String brief(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": "
                    + aws.awsErrorDetails().errorMessage();
        }
        String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        int cut = m.indexOf(". ");
        return cut > 0 ? m.substring(0, cut + 1) : m;
    }

    /** DescribeInstanceTypes for {@link #FAMILIES} ({@code m5.*}: m5 only, not m5d or m5a). */
    public static DescribeInstanceTypesRequest request() {
        return DescribeInstanceTypesRequest.builder()
                .filters(Filter.builder()
                        .name("instance-type")
                        .values(FAMILIES.stream().map(f -> f + ".*").toList())
                        .build())
                .build();
    }

    /** One EC2 description as an {@link InstanceType}; GPU memory is the total over the type's GPUs. */
    public static InstanceType toInstanceType(InstanceTypeInfo info, Double pricePerHour) {
        GpuInfo gpu = info.gpuInfo();
        int gpus = 0;
        String model = null;
        long gpuMemory = 0;
        if (gpu != null && gpu.hasGpus() && !gpu.gpus().isEmpty()) {
            for (GpuDeviceInfo device : gpu.gpus()) {
                int count = device.count() == null ? 0 : device.count();
                gpus += count;
                if (device.memoryInfo() != null && device.memoryInfo().sizeInMiB() != null) {
                    gpuMemory += (long) count * device.memoryInfo().sizeInMiB();
                }
            }
            GpuDeviceInfo first = gpu.gpus().get(0);
            model = ((first.manufacturer() == null ? "" : first.manufacturer() + " ") + first.name()).trim();
            if (gpu.totalGpuMemoryInMiB() != null) {
                gpuMemory = gpu.totalGpuMemoryInMiB();
            }
        }
        return new InstanceType(
                info.instanceTypeAsString(),
                info.vCpuInfo().defaultVCpus(),
                info.memoryInfo().sizeInMiB(),
                gpus,
                gpus == 0 ? null : model,
                gpus == 0 ? 0 : gpuMemory,
                pricePerHour);
    }
}
