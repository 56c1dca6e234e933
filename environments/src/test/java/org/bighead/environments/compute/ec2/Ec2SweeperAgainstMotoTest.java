package org.bighead.environments.compute.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Sweeper;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.hardware.HardwareCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** {@link Sweeper} over the EC2 back end, against moto server (the EC2 stand-in). */
class Ec2SweeperAgainstMotoTest {
    private static MotoServer moto;
    private static Ec2Client ec2;
    private static String ami;

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

    private static Workload start(Compute compute, String owner) {
        LaunchSpec.Builder spec = LaunchSpec.builder(
                "bighead/env-cpu:1", HardwareCatalog.snapshot().require("t3.medium"));
        if (owner != null) {
            spec.label(Compute.OWNER, owner);
        }
        return compute.start(spec.build());
    }

    private static InstanceStateName state(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .state()
                .name();
    }

    @Test
    void findsOrphansAndTerminatesThemLeavingOwnedOnes() throws Exception {
        moto.reset();
        Ec2Compute compute = new Ec2Compute(ec2, moto.settings(ami));
        Workload owned = start(compute, "alice");
        Workload gone = start(compute, "bob");
        Workload ownerless = start(compute, null);
        String notOurs = ec2.runInstances(r ->
                        r.imageId(ami).instanceType("t3.medium").minCount(1).maxCount(1))
                .instances()
                .get(0)
                .instanceId();
        Sweeper sweeper = new Sweeper(compute, Set.of("alice")::contains);

        List<Workload> dry = sweeper.sweep(true);
        assertThat(dry).extracting(Workload::id).containsExactlyInAnyOrder(gone.id(), ownerless.id());
        assertThat(state(gone.id())).isNotEqualTo(InstanceStateName.TERMINATED);

        List<Workload> swept = sweeper.sweep(false);
        assertThat(swept).extracting(Workload::id).containsExactlyInAnyOrder(gone.id(), ownerless.id());
        assertThat(state(gone.id())).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(state(ownerless.id())).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(state(owned.id())).isNotEqualTo(InstanceStateName.TERMINATED);
        assertThat(state(notOurs)).isNotEqualTo(InstanceStateName.TERMINATED);

        assertThat(sweeper.sweep(false)).isEmpty();
        assertThat(compute.list(Map.of())).extracting(Workload::id).containsExactly(owned.id());
    }
}
