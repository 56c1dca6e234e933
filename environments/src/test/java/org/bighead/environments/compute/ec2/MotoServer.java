package org.bighead.environments.compute.ec2;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * moto server (PyPI {@code moto[server]}, pinned in tests/requirements-moto.txt) as the EC2 stand-in: started on a
 * free loopback port from the executable named by {@code BIGHEAD_MOTO_SERVER} ({@code ./bighead test} makes it in
 * {@code .bighead/moto-venv}), stopped by its process handle. Without the variable the tests are skipped, saying
 * why. moto validates instance types and AMIs here as EC2 does (it accepts any by default).
 */
public final class MotoServer implements AutoCloseable {
    /** Fake credentials: moto accepts any; never real ones. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    public static final String REGION = "us-east-1";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts moto server, or skips the calling test (JUnit assumption) when BIGHEAD_MOTO_SERVER is unset. */
    public static MotoServer start() throws IOException, InterruptedException {
        String exe = System.getenv("BIGHEAD_MOTO_SERVER");
        if (exe == null || exe.isBlank()) {
            String why = "BIGHEAD_MOTO_SERVER is not set: the EC2 tests against moto server are skipped"
                    + " (./bighead test sets it to .bighead/moto-venv/bin/moto_server)";
            System.err.println(why);
            Assumptions.abort(why);
        }
        if (!Files.isExecutable(Path.of(exe))) {
            throw new IllegalStateException("BIGHEAD_MOTO_SERVER=" + exe + " is not an executable");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(exe, "-H", "127.0.0.1", "-p", Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION", "true");
        builder.environment().put("MOTO_ENABLE_AMI_VALIDATION", "true");
        Process process = builder.start();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        MotoServer server = new MotoServer(process, endpoint, log);
        server.awaitUp();
        return server;
    }

    private void awaitUp() throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "moto server exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException(
                "moto server did not answer on " + endpoint + " within 60 s: " + Files.readString(log));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings pointing at this server, with {@code ami}. */
    public Ec2Settings settings(String ami) {
        return new Ec2Settings(REGION, endpoint, ami, null, List.of(), null, null, false);
    }

    /** A client on this server with fake credentials; the caller closes it. */
    public Ec2Client client() {
        return settings(null).newClient(CREDENTIALS);
    }

    /** An AMI moto knows (it loads AWS's public Amazon images), for RunInstances with AMI validation on. */
    public String someAmi(Ec2Client ec2) {
        return ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
    }

    /** Forgets every resource (moto's reset API). */
    public void reset() throws IOException, InterruptedException {
        HttpResponse<Void> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moto reset answered " + r.statusCode());
        }
    }

    /** Stops the server by its process handle (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
