package org.bighead.environments.compute.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bighead.config.Settings;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StateReason;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The pure parts of the EC2 back end: settings, the RunInstances request, the start script, state mapping. */
class Ec2RequestsTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.snapshot();

    private static final Ec2Settings SETTINGS = new Ec2Settings(
            "eu-west-1", null, "ami-0abc", "subnet-1", List.of("sg-1", "sg-2"), "me", "bighead-runner", false);

    private static LaunchSpec spec(String type) {
        return LaunchSpec.builder("123456789012.dkr.ecr.eu-west-1.amazonaws.com/env:3f2a", CATALOG.require(type))
                .command("python", "-c", "print('it''s ok')")
                .env("TOKEN", "a b$c")
                .volume("data", "/data")
                .label(Compute.OWNER, "alice")
                .label(Compute.MANAGED_BY, "someone-else")
                .name("job 1")
                .build();
    }

    @Test
    void runInstancesCarriesEverything() {
        RunInstancesRequest r = Ec2Requests.runInstances(spec("m5.xlarge"), SETTINGS);
        assertThat(r.imageId()).isEqualTo("ami-0abc");
        assertThat(r.instanceTypeAsString()).isEqualTo("m5.xlarge");
        assertThat(r.minCount()).isEqualTo(1);
        assertThat(r.maxCount()).isEqualTo(1);
        assertThat(r.subnetId()).isEqualTo("subnet-1");
        assertThat(r.securityGroupIds()).containsExactly("sg-1", "sg-2");
        assertThat(r.keyName()).isEqualTo("me");
        assertThat(r.iamInstanceProfile().name()).isEqualTo("bighead-runner");
        assertThat(r.instanceInitiatedShutdownBehaviorAsString()).isEqualTo("terminate");
        assertThat(r.instanceMarketOptions()).isNull();
        assertThat(r.tagSpecifications())
                .extracting(t -> t.resourceType())
                .containsExactly(ResourceType.INSTANCE, ResourceType.VOLUME);
        assertThat(r.tagSpecifications().get(0).tags())
                .contains(
                        Tag.builder().key(Compute.MANAGED_BY).value("bighead").build(),
                        Tag.builder().key(Compute.OWNER).value("alice").build(),
                        Tag.builder().key("Name").value("job 1").build());
        assertThat(new String(Base64.getDecoder().decode(r.userData()), StandardCharsets.UTF_8))
                .isEqualTo(UserData.render(spec("m5.xlarge")));
        // pure: the same spec, the same request
        assertThat(Ec2Requests.runInstances(spec("m5.xlarge"), SETTINGS)).isEqualTo(r);
    }

    @Test
    void spotAndAnInstanceProfileArn() {
        Ec2Settings s = new Ec2Settings(
                "us-east-1", null, "ami-1", null, List.of(), null, "arn:aws:iam::1:instance-profile/x", true);
        RunInstancesRequest r = Ec2Requests.runInstances(spec("t3.medium"), s);
        assertThat(r.instanceMarketOptions().marketType()).isEqualTo(MarketType.SPOT);
        assertThat(r.instanceMarketOptions().spotOptions().instanceInterruptionBehaviorAsString())
                .isEqualTo("terminate");
        assertThat(r.iamInstanceProfile().arn()).isEqualTo("arn:aws:iam::1:instance-profile/x");
        assertThat(r.subnetId()).isNull();
        assertThat(r.securityGroupIds()).isEmpty();
    }

    @Test
    void aFolderOfThisMachineCannotBeMountedOnAnInstance() {
        LaunchSpec mounted = LaunchSpec.builder("img", CATALOG.require("t3.medium"))
                .mount("/data/week2.csv", true)
                .build();
        assertThatThrownBy(() -> Ec2Requests.runInstances(mounted, SETTINGS))
                .isInstanceOf(ComputeException.class)
                .hasMessage("an EC2 instance cannot see this machine's /data/week2.csv: give an EC2 workload its data"
                        + " by URL (s3://…), not as a folder of this machine");
    }

    @Test
    void noAmiIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Ec2Requests.runInstances(spec("t3.medium"), SETTINGS.withAmi(null)))
                .isInstanceOf(ComputeException.class)
                .hasMessage("no machine image for EC2: set ec2.ami (BIGHEAD_EC2_AMI) to an AMI id with Docker"
                        + " installed, e.g. ami-0123456789abcdef0");
    }

    @Test
    void labelsThatCannotBeTagsAreRefused() {
        LaunchSpec longValue = LaunchSpec.builder("img", CATALOG.require("t3.medium"))
                .label("k", "v".repeat(257))
                .build();
        assertThatThrownBy(() -> Ec2Requests.tags(longValue)).hasMessageContaining("at most 256");
        LaunchSpec awsKey = LaunchSpec.builder("img", CATALOG.require("t3.medium"))
                .label("aws:x", "v")
                .build();
        assertThatThrownBy(() -> Ec2Requests.tags(awsKey)).hasMessageContaining("aws:");
    }

    @Test
    void theStartScriptPullsAndRunsTheImage() {
        String script = UserData.render(spec("m5.xlarge"));
        assertThat(script)
                .startsWith("#!/bin/bash\n")
                .contains("exec > >(tee -a /var/log/bighead.log /dev/console) 2>&1")
                .contains("aws ecr get-login-password --region eu-west-1 | docker login --username AWS"
                        + " --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com")
                .contains("docker pull 123456789012.dkr.ecr.eu-west-1.amazonaws.com/env:3f2a")
                .contains("docker volume create data")
                .contains("docker run --name job-1 --network host -e 'TOKEN=a b$c' -v data:/data"
                        + " --label org.bighead.managed-by=bighead --label org.bighead.owner=alice"
                        + " 123456789012.dkr.ecr.eu-west-1.amazonaws.com/env:3f2a python -c"
                        + " 'print('\"'\"'it'\"'\"''\"'\"'s ok'\"'\"')'")
                .contains("shutdown -h now")
                .doesNotContain("--gpus");
        assertThat(UserData.render(spec("p3.2xlarge"))).contains("--network host --gpus all -e");
        assertThat(UserData.render(LaunchSpec.builder("docker.io/library/python:3.11", CATALOG.require("t3.medium"))
                        .build()))
                .doesNotContain("ecr")
                .contains("docker run --name bighead --network host --label org.bighead.managed-by=bighead"
                        + " docker.io/library/python:3.11 ||");
    }

    @Test
    void theStartScriptIsValidBash() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("userdata", ".sh");
        try {
            java.nio.file.Files.writeString(file, UserData.render(spec("g5.xlarge")));
            Process bash = new ProcessBuilder("bash", "-n", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor()).as(out).isZero();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void badEnvironmentNamesAndOversizedScriptsAreRefused() {
        LaunchSpec bad = LaunchSpec.builder("img", CATALOG.require("t3.medium"))
                .env("1X", "v")
                .build();
        assertThatThrownBy(() -> UserData.render(bad)).hasMessageContaining("'1X' is not valid");
        LaunchSpec big = LaunchSpec.builder("img", CATALOG.require("t3.medium"))
                .env("BIG", "x".repeat(20_000))
                .build();
        assertThatThrownBy(() -> UserData.render(big)).hasMessageContaining("EC2 takes at most 16384");
    }

    @Test
    void listFiltersOnTagsManagedByAndLiveStates() {
        var r = Ec2Requests.describeByLabels(Map.of(Compute.OWNER, "alice"));
        assertThat(r.filters())
                .containsExactly(
                        Filter.builder()
                                .name("tag:" + Compute.MANAGED_BY)
                                .values("bighead")
                                .build(),
                        Filter.builder()
                                .name("tag:" + Compute.OWNER)
                                .values("alice")
                                .build(),
                        Filter.builder()
                                .name("instance-state-name")
                                .values("pending", "running", "stopping", "stopped")
                                .build());
    }

    @Test
    void statesMapOntoWorkloadStates() {
        assertThat(state(InstanceStateName.PENDING, null)).isEqualTo(Workload.State.PENDING);
        assertThat(state(InstanceStateName.RUNNING, null)).isEqualTo(Workload.State.RUNNING);
        assertThat(state(InstanceStateName.TERMINATED, "Client.UserInitiatedShutdown"))
                .isEqualTo(Workload.State.STOPPED);
        assertThat(state(InstanceStateName.TERMINATED, "Client.InstanceInitiatedShutdown"))
                .isEqualTo(Workload.State.EXITED);
        assertThat(state(InstanceStateName.STOPPED, null)).isEqualTo(Workload.State.STOPPED);
    }

    private static Workload.State state(InstanceStateName name, String reason) {
        Instance.Builder i = Instance.builder()
                .instanceId("i-1")
                .state(InstanceState.builder().name(name).build());
        if (reason != null) {
            i.stateReason(StateReason.builder().code(reason).build());
        }
        return Ec2Requests.workload(i.build()).state();
    }

    @Test
    void settingsFromBigheadSettingsAndAwsRegion() {
        Ec2Settings s = Ec2Settings.from(
                Settings.of(
                        Map.of("BIGHEAD_EC2_AMI", "ami-1", "BIGHEAD_EC2_SPOT", "true"),
                        Map.of("ec2.security-group-ids", "sg-1, sg-2", "ec2.subnet-id", "subnet-9")),
                Map.of("AWS_REGION", "eu-central-1"));
        assertThat(s.region()).isEqualTo("eu-central-1");
        assertThat(s.configured()).isTrue();
        assertThat(s.ami()).isEqualTo("ami-1");
        assertThat(s.spot()).isTrue();
        assertThat(s.securityGroupIds()).containsExactly("sg-1", "sg-2");
        assertThat(s.subnetId()).isEqualTo("subnet-9");

        Ec2Settings own = Ec2Settings.from(
                Settings.of(Map.of("BIGHEAD_AWS_REGION", "us-west-2"), Map.of()), Map.of("AWS_REGION", "x"));
        assertThat(own.region()).isEqualTo("us-west-2");

        Ec2Settings endpointOnly =
                Ec2Settings.from(Settings.of(Map.of(), Map.of("aws.endpoint", "http://127.0.0.1:5000")), Map.of());
        assertThat(endpointOnly.region()).isEqualTo("us-east-1");
        assertThat(endpointOnly.endpoint()).isEqualTo(URI.create("http://127.0.0.1:5000"));

        assertThat(Ec2Settings.from(Settings.of(Map.of(), Map.of()), Map.of()).configured())
                .isFalse();
        assertThatThrownBy(() -> Ec2Settings.from(Settings.of(Map.of("BIGHEAD_EC2_SPOT", "yes"), Map.of()), Map.of()))
                .hasMessage("the setting ec2.spot (BIGHEAD_EC2_SPOT) must be true or false, not 'yes'");
        assertThatThrownBy(
                        () -> Ec2Settings.from(Settings.of(Map.of("BIGHEAD_AWS_ENDPOINT", "nope"), Map.of()), Map.of()))
                .hasMessageContaining("must be a URL");
    }

    @Test
    void anUnreachableEc2FallsBackToTheSnapshotSayingWhy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Ec2Settings s = new Ec2Settings(
                "us-east-1", URI.create("http://127.0.0.1:" + port), null, null, List.of(), null, null, false);
        HardwareCatalog c = Ec2HardwareSource.catalog(s, MotoServer.CREDENTIALS);
        assertThat(c.source())
                .startsWith("snapshot of ")
                .contains("(EC2 DescribeInstanceTypes in us-east-1 failed: ")
                .doesNotContain("\n");
        assertThat(c.list()).hasSameSizeAs(HardwareCatalog.snapshot().list());
    }

    @Test
    void ec2ErrorsBecomeOneLineMessagesWithAHint() {
        try (Ec2Compute compute = new Ec2Compute(SETTINGS, MotoServer.CREDENTIALS)) {
            assertThat(compute.error(
                                    "start p4d.24xlarge from ami-0abc",
                                    ec2Error(
                                            "InsufficientInstanceCapacity",
                                            "We currently do not have sufficient p4d.24xlarge capacity in the Availability"
                                                    + " Zone you requested (us-east-1a)."))
                            .getMessage())
                    .isEqualTo("EC2 could not start p4d.24xlarge from ami-0abc: InsufficientInstanceCapacity: We"
                            + " currently do not have sufficient p4d.24xlarge capacity in the Availability Zone you"
                            + " requested (us-east-1a). — AWS has no capacity for this type there right now: try"
                            + " another type, another subnet/zone (ec2.subnet-id), or again later");
            assertThat(compute.error(
                                    "start p3.2xlarge from ami-0abc",
                                    ec2Error(
                                            "VcpuLimitExceeded",
                                            "You have requested more vCPU capacity than your current vCPU limit of 0 allows"
                                                    + " for the instance bucket that the specified instance type belongs to."))
                            .getMessage())
                    .contains("VcpuLimitExceeded: You have requested more vCPU capacity")
                    .contains("an account quota");
            assertThat(compute.error(
                                    "start m5.huge from ami-0abc",
                                    ec2Error("InvalidParameterValue", "Invalid value 'm5.huge' for InstanceType."))
                            .getMessage())
                    .contains("Invalid value 'm5.huge' for InstanceType.")
                    .contains("./bighead hardware list");
            assertThat(Ec2Compute.hint("InstanceLimitExceeded")).contains("quota");
        }
    }

    private static Ec2Exception ec2Error(String code, String message) {
        return (Ec2Exception) Ec2Exception.builder()
                .statusCode(400)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Ec2")
                        .build())
                .build();
    }

    @Test
    void instanceTypeRecordKeepsGpuFields() {
        InstanceType p3 = CATALOG.require("p3.2xlarge");
        assertThat(p3.hasGpu()).isTrue();
    }
}
