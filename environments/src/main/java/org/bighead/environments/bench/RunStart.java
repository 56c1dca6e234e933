package org.bighead.environments.bench;

import java.io.OutputStream;
import java.nio.file.Path;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.docker.LocalDockerCompute;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.hardware.InstanceType;

/**
 * For {@code bench/environments.sh}: milliseconds from asking the compute API to run {@code java -version} in IMAGE
 * to the first byte of its output, once per line, N times. Usage: {@code RunStart IMAGE N}.
 */
public final class RunStart {
    private RunStart() {}

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int n = Integer.parseInt(args[1]);
        try (DockerEngine engine = DockerEngine.connect(Path.of(System.getProperty("bighead.root", ".")))) {
            LocalDockerCompute compute = new LocalDockerCompute(engine);
            var host = compute.host();
            InstanceType whole = new InstanceType("host", host.cpus(), host.memoryBytes() >> 20, 0, null, 0, null);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                long[] first = {0};
                OutputStream firstByte = new OutputStream() {
                    @Override
                    public void write(int b) {
                        mark();
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        mark();
                    }

                    private void mark() {
                        if (first[0] == 0) {
                            first[0] = System.nanoTime();
                        }
                    }
                };
                compute.run(
                        LaunchSpec.builder(image, whole)
                                .command("java", "-version")
                                .build(),
                        firstByte,
                        firstByte);
                System.out.println((first[0] - t0) / 1_000_000);
            }
        }
    }
}
