package org.bighead.environments.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.environments.compute.docker.ContainerSpecs;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.junit.jupiter.api.Test;

class OffersTest {
    static final List<Offers.EnvironmentOffer> ENVIRONMENTS = List.of(
            new Offers.EnvironmentOffer("cpu", "CPU", false, 17, null),
            new Offers.EnvironmentOffer("gpu", "CUDA", true, 17, null),
            new Offers.EnvironmentOffer("maya-geo", "with JTS", false, 17, "cpu"));

    /** A two-core laptop without a GPU beside EC2, which offers everything. */
    static Offers laptopAndEc2() {
        List<InstanceType> types = HardwareCatalog.snapshot().list();
        Map<String, String> unfit = new LinkedHashMap<>();
        ContainerSpecs.Host laptop = new ContainerSpecs.Host(2, 24L << 30, 0);
        types.forEach(t -> ContainerSpecs.unfit(t, laptop).ifPresent(why -> unfit.put(t.name(), why)));
        return new Offers(ENVIRONMENTS, types, List.of("docker", "ec2"), Map.of("docker", unfit));
    }

    @Test
    void aChoiceTheBackEndCanOfferIsChecked() {
        Offers.Choice choice = laptopAndEc2().check("maya-geo", "t3.medium", "docker");

        assertThat(choice.environment().from()).isEqualTo("cpu");
        assertThat(choice.instanceType().vcpus()).isEqualTo(2);
        assertThat(choice.backend()).isEqualTo("docker");
    }

    @Test
    void theFirstBackEndIsTheDefault() {
        assertThat(laptopAndEc2().check("cpu", "m5.large", null).backend()).isEqualTo("docker");
    }

    @Test
    void aGpuTypeOnAHostWithoutGpusIsRefusedNamingWhatWouldWork() {
        assertThatThrownBy(() -> laptopAndEc2().check("gpu", "p3.2xlarge", "docker"))
                .isInstanceOf(Offers.OfferException.class)
                .hasMessageStartingWith("the docker back end cannot offer p3.2xlarge (it needs 1 GPU(s); this host has"
                        + " none); valid on docker: ")
                .hasMessageContaining("t3.medium")
                .hasMessageEndingWith("(or choose another back end: docker, ec2)");
        assertThat(laptopAndEc2()
                        .check("gpu", "p3.2xlarge", "ec2")
                        .instanceType()
                        .gpuModel())
                .isEqualTo("NVIDIA V100");
    }

    @Test
    void aTypeLargerThanTheHostIsRefusedWithTheHostsSize() {
        assertThatThrownBy(() -> laptopAndEc2().check("cpu", "m5.4xlarge", "docker"))
                .hasMessageContaining("it needs 16 vCPUs, 64 GiB; this host has 2 vCPUs, 24.0 GiB");
    }

    @Test
    void unknownValuesAreRefusedListingTheValidOnes() {
        Offers offers = laptopAndEc2();
        assertThatThrownBy(() -> offers.check("nope", "t3.medium", "docker"))
                .hasMessage("unknown environment 'nope' (valid: cpu, gpu, maya-geo)");
        assertThatThrownBy(() -> offers.check("cpu", "x9.huge", "docker"))
                .hasMessageStartingWith("unknown instance type 'x9.huge' (valid on docker: ")
                .hasMessageNotContaining("p3.2xlarge");
        assertThatThrownBy(() -> offers.check("cpu", "t3.medium", "mainframe"))
                .hasMessage("unknown back end 'mainframe' (valid: docker, ec2)");
        assertThatThrownBy(() -> offers.check(null, "t3.medium", "docker"))
                .hasMessage("no environment was chosen (valid: cpu, gpu, maya-geo)");
        assertThatThrownBy(() -> offers.check("cpu", "", "docker"))
                .hasMessageStartingWith("no instance type was chosen (valid on docker: ");
    }

    @Test
    void theJsonSaysPerTypeWhereItIsOfferedAndWhyNot() {
        Map<String, Object> json = ComputeService.offersJson(laptopAndEc2());

        assertThat(json.get("backends")).isEqualTo(List.of("docker", "ec2"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> types = (List<Map<String, Object>>) json.get("instance_types");
        Map<String, Object> v100 = types.stream()
                .filter(t -> t.get("name").equals("p3.2xlarge"))
                .findFirst()
                .orElseThrow();
        assertThat(v100)
                .containsEntry("gpus", 1)
                .containsEntry("gpu_model", "NVIDIA V100")
                .containsEntry("offered_on", List.of("ec2"))
                .containsEntry("unavailable", Map.of("docker", "1 GPU(s); this host has none"));
    }
}
