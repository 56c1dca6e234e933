package org.bighead.environments.compute.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@link Ec2HardwareSource}: DescribeInstanceTypes against moto server (the EC2 stand-in, real AWS specs). */
class Ec2HardwareSourceAgainstMotoTest {
    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void describesTheFamiliesWithRealSpecsAndSnapshotPrices() {
        HardwareCatalog catalog;
        try (Ec2Client ec2 = moto.client()) {
            catalog = Ec2HardwareSource.catalog(ec2, MotoServer.REGION, HardwareCatalog.snapshot());
        }
        assertThat(catalog.source()).startsWith("EC2 DescribeInstanceTypes in us-east-1 (prices: snapshot of ");

        InstanceType m5 = catalog.require("m5.xlarge");
        assertThat(m5.vcpus()).isEqualTo(4);
        assertThat(m5.memoryMib()).isEqualTo(16384);
        assertThat(m5.gpus()).isZero();
        assertThat(m5.pricePerHour()).isEqualTo(0.192);

        InstanceType p3 = catalog.require("p3.2xlarge");
        assertThat(p3.gpus()).isEqualTo(1);
        assertThat(p3.gpuModel()).isEqualTo("NVIDIA V100");
        assertThat(p3.gpuMemoryMib()).isEqualTo(16384);

        InstanceType p4d = catalog.require("p4d.24xlarge");
        assertThat(p4d.gpus()).isEqualTo(8);
        assertThat(p4d.gpuModel()).isEqualTo("NVIDIA A100");

        List<String> names = catalog.list().stream().map(InstanceType::name).toList();
        assertThat(names).contains("t3.medium", "c5.large", "r5.4xlarge", "g4dn.xlarge", "g5.12xlarge", "g6.xlarge");
        // the filter is per family: m5.* is not m5d or m5a; no bare metal
        assertThat(names).noneMatch(n -> n.startsWith("m5d.") || n.startsWith("m5a.") || n.endsWith(".metal"));
    }

    @Test
    void theSnapshotAgreesWithEc2OnEverySpec() {
        HardwareCatalog live;
        try (Ec2Client ec2 = moto.client()) {
            live = Ec2HardwareSource.catalog(ec2, MotoServer.REGION, HardwareCatalog.snapshot());
        }
        for (InstanceType snap : HardwareCatalog.snapshot().list()) {
            assertThat(live.find(snap.name())).as(snap.name()).hasValue(snap);
        }
    }

    @Test
    void configuredSettingsAskEc2AndUnconfiguredOnesUseTheSnapshot() {
        HardwareCatalog live = Ec2HardwareSource.catalog(moto.settings(null), MotoServer.CREDENTIALS);
        assertThat(live.source()).startsWith("EC2 DescribeInstanceTypes in us-east-1");

        Ec2Settings none = new Ec2Settings(null, null, null, null, List.of(), null, null, false);
        assertThat(Ec2HardwareSource.catalog(none, MotoServer.CREDENTIALS).source())
                .startsWith("snapshot of ");
    }
}
