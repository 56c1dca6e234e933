package org.bighead.registry.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.bighead.registry.jobs.compute.JobWorkload;
import org.junit.jupiter.api.Test;

class RetrainWorkloadsTest {
    private static final Instant MONDAY = Instant.parse("2026-12-07T03:00:00Z");
    private static final String NOTEBOOK = "{\"cells\": [], \"nbformat\": 4}";

    private static RetrainWorkloads.Run run(String backend, String input) {
        return new RetrainWorkloads.Run(
                "price-weekly",
                MONDAY,
                2,
                "bighead/env-cpu-notebook:3c24fcaa4aa9",
                "m5.xlarge",
                backend,
                "/data/job-runs/price-weekly/20261207T030000Z-attempt-2",
                NOTEBOOK,
                input,
                Map.of("BIGHEAD_REGISTRY_URL", "http://10.0.0.5:8470"));
    }

    @Test
    void onLocalDockerTheRunFolderIsMountedAndTheInputReadOnly() {
        JobWorkload w = RetrainWorkloads.of(run("docker", "/data/week2.csv"));
        assertThat(w.image()).isEqualTo("bighead/env-cpu-notebook:3c24fcaa4aa9");
        assertThat(w.instanceType()).isEqualTo("m5.xlarge");
        assertThat(w.mounts())
                .containsExactly(
                        new JobWorkload.Mount("/data/job-runs/price-weekly/20261207T030000Z-attempt-2", false),
                        new JobWorkload.Mount("/data/week2.csv", true));
        assertThat(w.env())
                .containsEntry("BIGHEAD_JOB_RUN", "price-weekly@2026-12-07T03:00:00.000Z")
                .containsEntry("BIGHEAD_IMAGE", "bighead/env-cpu-notebook:3c24fcaa4aa9")
                .containsEntry("BIGHEAD_JOB_DIR", "/data/job-runs/price-weekly/20261207T030000Z-attempt-2")
                .containsEntry("BIGHEAD_REGISTRY_URL", "http://10.0.0.5:8470");
        assertThat(w.labels())
                .containsEntry("org.bighead.owner", "job:price-weekly")
                .containsEntry("org.bighead.purpose", "job")
                .containsEntry(RetrainWorkloads.JOB_RUN_LABEL, "price-weekly@2026-12-07T03:00:00.000Z");
        assertThat(w.name()).isEqualTo("bighead-job-price-weekly-20261207T030000-2");
        assertThat(w.command().get(2)).contains("jupyter nbconvert --to notebook --execute");
    }

    @Test
    void onEc2TheRecipeTravelsInTheEnvironmentAndNothingOfThisMachineIsMounted() throws Exception {
        JobWorkload w = RetrainWorkloads.of(run("ec2", "s3://listings/week2.csv"));
        assertThat(w.mounts()).isEmpty();
        assertThat(w.env()).containsEntry("BIGHEAD_JOB_DIR", RetrainWorkloads.INSTANCE_DIR);
        byte[] packed = Base64.getDecoder().decode(w.env().get("BIGHEAD_JOB_NOTEBOOK"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(NOTEBOOK);
        }
    }

    @Test
    void onEc2AFileOfThisMachineIsRefusedSayingToGiveAUrl() {
        assertThatThrownBy(() -> RetrainWorkloads.of(run("ec2", "/data/week2.csv")))
                .hasMessage("input /data/week2.csv is a file of the registry's machine, which an EC2 instance cannot"
                        + " read: give the job its data by URL (s3://…)");
    }

    @Test
    void theSameRunIsTheSameWorkload() {
        assertThat(RetrainWorkloads.of(run("ec2", null))).isEqualTo(RetrainWorkloads.of(run("ec2", null)));
    }

    @Test
    void anEc2WorkloadsExitCodeIsTheLastLineItsStartScriptPrinted() {
        assertThat(WorkloadRun.exitLine("bighead: starting x\n...\nbighead: exit code 3\n"))
                .isEqualTo(3);
        assertThat(WorkloadRun.exitLine("bighead: starting x\n")).isNull();
    }
}
