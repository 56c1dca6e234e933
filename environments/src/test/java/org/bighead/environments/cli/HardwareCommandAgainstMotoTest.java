package org.bighead.environments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.bighead.environments.compute.ec2.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code hardware list} asking EC2 (moto server, the stand-in) when AWS is configured. */
class HardwareCommandAgainstMotoTest {
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
    void listsFromDescribeInstanceTypes() throws Exception {
        // the command uses the SDK's default credential chain; system properties come first in it
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        try {
            Map<String, String> env =
                    Map.of("BIGHEAD_AWS_ENDPOINT", moto.endpoint().toString());
            HardwareCommandRun table = HardwareCommandRun.run(env, "list", "--gpu");
            assertThat(table.exit).as(table.err).isZero();
            assertThat(table.out)
                    .contains("Source: EC2 DescribeInstanceTypes in us-east-1 (prices: snapshot of ")
                    .contains("NVIDIA V100");

            HardwareCommandRun json = HardwareCommandRun.run(
                    Map.of(),
                    "list",
                    "--json",
                    "--region",
                    "us-east-1",
                    "--endpoint",
                    moto.endpoint().toString());
            assertThat(json.exit).as(json.err).isZero();
            JsonNode array = HardwareCommandRun.json(json.out);
            boolean m5 = false;
            for (JsonNode type : array) {
                if (type.get("name").asText().equals("m5.xlarge")) {
                    m5 = true;
                    assertThat(type.get("vcpus").asInt()).isEqualTo(4);
                    assertThat(type.get("memory_mib").asLong()).isEqualTo(16384);
                }
            }
            assertThat(m5).isTrue();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
