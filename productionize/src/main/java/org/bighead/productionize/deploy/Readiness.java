package org.bighead.productionize.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits until a serving endpoint's {@code GET /v2/health/ready} answers 200, or says why it never will. */
public final class Readiness {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Readiness() {}

    /**
     * Polls {@code url}/v2/health/ready until it answers 200.
     *
     * @param gone empty while the server may still come up; else why it never will (the process exited, with its
     *     last output)
     * @throws DeploymentException when {@code gone} says so or {@code timeout} passes
     */
    public static void await(
            String url, Duration timeout, Supplier<Optional<String>> gone, Supplier<String> lastOutput) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v2/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("interrupted while waiting for " + url + " to be ready");
            }
            Optional<String> why = gone.get();
            if (why.isPresent()) {
                throw new DeploymentException(why.get());
            }
            if (System.nanoTime() > deadline) {
                throw new DeploymentException(
                        url + " was not ready after " + timeout.toSeconds() + " s" + lastLine(lastOutput.get()));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("interrupted while waiting for " + url + " to be ready");
            }
        }
    }

    /** ": LINE" with the last non-blank line of a server's output, or nothing. */
    public static String lastLine(String output) {
        if (output == null) {
            return "";
        }
        String[] lines = output.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("at ")) {
                return ": " + line;
            }
        }
        return "";
    }
}
