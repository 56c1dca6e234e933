package org.bighead.environments.compute.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Volume;

/** {@link Ec2Compute} against moto server, the EC2 stand-in, on loopback. */
class Ec2ComputeAgainstMotoTest {
    private static MotoServer moto;
    private static Ec2Client ec2;
    private static String ami;

    private Ec2Compute compute;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        ec2 = moto.client();
        ami = moto.someAmi(ec2);
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (ec2 != null) {
            ec2.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void fresh() throws Exception {
        moto.reset();
        compute = new Ec2Compute(ec2, moto.settings(ami));
    }

    private static LaunchSpec spec(String type, String owner) {
        return LaunchSpec.builder(
                        "bighead/env-cpu:3f2a", HardwareCatalog.snapshot().require(type))
                .command("python", "-m", "serve")
                .env("MODEL", "listings@prod")
                .volume("bighead-data", "/data")
                .label(Compute.OWNER, owner)
                .label(Compute.PURPOSE, "serving")
                .name("listings-serving")
                .build();
    }

    private static Instance instance(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id))
                .reservations()
                .get(0)
                .instances()
                .get(0);
    }

    @Test
    void runInstancesCarriesTypeAmiTagsAndUserData() {
        Workload w = compute.start(spec("m5.xlarge", "alice"));

        assertThat(w.backend()).isEqualTo("ec2");
        assertThat(w.id()).startsWith("i-");
        assertThat(w.instanceType()).isEqualTo("m5.xlarge");
        assertThat(w.name()).isEqualTo("listings-serving");
        assertThat(w.image()).isEqualTo("bighead/env-cpu:3f2a");
        assertThat(w.labels())
                .containsEntry(Compute.MANAGED_BY, "bighead")
                .containsEntry(Compute.OWNER, "alice")
                .containsEntry(Compute.PURPOSE, "serving");

        Instance i = instance(w.id());
        assertThat(i.instanceTypeAsString()).isEqualTo("m5.xlarge");
        assertThat(i.imageId()).isEqualTo(ami);
        assertThat(Ec2Requests.tagMap(i))
                .containsEntry(Compute.MANAGED_BY, "bighead")
                .containsEntry(Compute.OWNER, "alice")
                .containsEntry("Name", "listings-serving");

        String userData = ec2.describeInstanceAttribute(
                        r -> r.instanceId(w.id()).attribute("userData"))
                .userData()
                .value();
        String script = new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8);
        assertThat(script)
                .startsWith("#!/bin/bash")
                .contains("docker pull bighead/env-cpu:3f2a")
                .contains("docker run --name listings-serving --network host -e MODEL=listings@prod"
                        + " -v bighead-data:/data")
                .contains("bighead/env-cpu:3f2a python -m serve")
                .doesNotContain("--gpus");
        assertThat(ec2.describeInstanceAttribute(
                                r -> r.instanceId(w.id()).attribute("instanceInitiatedShutdownBehavior"))
                        .instanceInitiatedShutdownBehavior()
                        .value())
                .isEqualTo("terminate");

        // the volume carries the tags too
        String volumeId = i.blockDeviceMappings().get(0).ebs().volumeId();
        Volume volume =
                ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0);
        assertThat(volume.tags())
                .anyMatch(t -> t.key().equals(Compute.OWNER) && t.value().equals("alice"));
    }

    @Test
    void statusAndLogs() {
        Workload w = compute.start(spec("t3.medium", "alice"));
        assertThat(compute.status(w.id()).state()).isIn(Workload.State.PENDING, Workload.State.RUNNING);
        // moto's console output is a canned kernel log: decoded from base64, the last lines
        String logs = compute.logs(w.id(), 2);
        assertThat(logs.lines()).hasSize(2);
        assertThat(logs).doesNotContain("==");
        assertThat(compute.logs(w.id(), 1000)).contains("Linux version");
    }

    @Test
    void stopTerminates() {
        Workload w = compute.start(spec("t3.medium", "alice"));
        compute.stop(w.id());
        assertThat(instance(w.id()).state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(compute.status(w.id()).state()).isEqualTo(Workload.State.STOPPED);
        assertThat(compute.list(Map.of())).extracting(Workload::id).doesNotContain(w.id());
    }

    @Test
    void stopRefusesAnInstanceBigheadDidNotStart() {
        String other = ec2.runInstances(r ->
                        r.imageId(ami).instanceType("t3.medium").minCount(1).maxCount(1))
                .instances()
                .get(0)
                .instanceId();
        assertThatThrownBy(() -> compute.stop(other))
                .isInstanceOf(ComputeException.class)
                .hasMessageContaining("not started by Bighead");
        assertThat(instance(other).state().name()).isNotEqualTo(InstanceStateName.TERMINATED);
        assertThat(compute.list(Map.of())).isEmpty();
    }

    @Test
    void listByLabel() {
        Workload a = compute.start(spec("t3.medium", "alice"));
        Workload b = compute.start(spec("t3.medium", "bob"));
        assertThat(compute.list(Map.of(Compute.OWNER, "alice")))
                .extracting(Workload::id)
                .containsExactly(a.id());
        assertThat(compute.list(Map.of(Compute.PURPOSE, "serving")))
                .extracting(Workload::id)
                .containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(compute.list(Map.of(Compute.OWNER, "carol"))).isEmpty();
    }

    @Test
    void aBadTypeIsRefusedWithAwsMessage() {
        InstanceType huge = new InstanceType("m5.huge", 4, 16384, 0, null, 0, null);
        LaunchSpec spec = LaunchSpec.builder("bighead/env-cpu:3f2a", huge).build();
        assertThatThrownBy(() -> compute.start(spec))
                .isInstanceOf(ComputeException.class)
                // moto's words (EC2 itself says "InvalidParameterValue: Invalid value 'm5.huge' for InstanceType")
                .hasMessageContaining("The instance type 'm5.huge' does not exist")
                .hasMessageContaining("./bighead hardware list");
        assertThat(ec2.describeInstances().reservations()).isEmpty();
    }

    @Test
    void aMissingAmiIsRefusedNamingTheSetting() {
        Ec2Compute noAmi = new Ec2Compute(ec2, moto.settings(null));
        assertThatThrownBy(() -> noAmi.start(spec("t3.medium", "alice")))
                .isInstanceOf(ComputeException.class)
                .hasMessageContaining("ec2.ami")
                .hasMessageContaining("BIGHEAD_EC2_AMI");
    }

    @Test
    void anUnknownAmiIsRefusedWithAwsMessage() {
        Ec2Compute wrong = new Ec2Compute(ec2, moto.settings("ami-0123456789abcdef0"));
        assertThatThrownBy(() -> wrong.start(spec("t3.medium", "alice")))
                .isInstanceOf(ComputeException.class)
                .hasMessageContaining("InvalidAMIID")
                .hasMessageContaining("ami-0123456789abcdef0")
                .hasMessageContaining("check ec2.ami");
    }

    @Test
    void aStartThatFailsAfterRunInstancesLeavesNoInstance() {
        Ec2Compute failing = new Ec2Compute(ec2, moto.settings(ami), false, w -> {
            throw new IllegalStateException("lost the connection");
        });
        assertThatThrownBy(() -> failing.start(spec("t3.medium", "alice")))
                .isInstanceOf(ComputeException.class)
                .hasMessageContaining("terminated again")
                .hasMessageContaining("lost the connection");
        assertThat(ec2.describeInstances().reservations())
                .flatExtracting(r -> r.instances())
                .allMatch(i -> i.state().name() == InstanceStateName.TERMINATED
                        || i.state().name() == InstanceStateName.SHUTTING_DOWN)
                .isNotEmpty();
        assertThat(compute.list(Map.of())).isEmpty();
    }

    @Test
    void spotIsAnOption() {
        Ec2Compute spot = new Ec2Compute(ec2, moto.settings(ami).withSpot(true));
        Workload w = spot.start(spec("t3.medium", "alice"));
        assertThat(instance(w.id()).instanceLifecycleAsString()).isEqualTo("spot");
    }

    @Test
    void aGpuTypeRunsTheContainerWithGpus() {
        Workload w = compute.start(spec("g5.xlarge", "alice"));
        String userData = ec2.describeInstanceAttribute(
                        r -> r.instanceId(w.id()).attribute("userData"))
                .userData()
                .value();
        assertThat(new String(Base64.getDecoder().decode(userData), StandardCharsets.UTF_8))
                .contains("--gpus all");
    }

    @Test
    void anUnknownInstanceIsAPlainError() {
        assertThatThrownBy(() -> compute.status("i-0123456789abcdef0"))
                .isInstanceOf(ComputeException.class)
                .hasMessageContaining("i-0123456789abcdef0")
                .hasMessageNotContaining("Exception");
    }
}
