package org.bighead.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.bighead.registry.client.ModelRef;
import org.bighead.registry.client.RegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On shutdown a registry-backed server marks its deployment "stopped", best effort: what reaches the registry's
 * deployments endpoint (POST /api/models/NAME/deployments) is checked on a plain HTTP listener standing in for it.
 */
class RegistrySourceStopTest {
    private final List<JsonNode> deployments = new CopyOnWriteArrayList<>();
    private HttpServer registry;

    private RegistrySource source() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/api/models/listing-price/deployments", exchange -> {
            deployments.add(JsonBodies.MAPPER.readTree(exchange.getRequestBody()));
            byte[] body = "{\"id\":\"d1\",\"model\":\"listing-price\",\"version\":3}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-registry");
            t.setDaemon(true);
            return t;
        }));
        registry.start();
        RegistryClient client =
                new RegistryClient("http://127.0.0.1:" + registry.getAddress().getPort(), "write-token");
        return new RegistrySource(
                client, ModelRef.parse("listing-price@champion"), Files.createTempDirectory("serve-cache"));
    }

    @AfterEach
    void stop() {
        registry.stop(0);
    }

    @Test
    void shutdownRecordsTheEndpointAsStoppedAfterRunning() throws IOException {
        RegistrySource source = source();
        source.reportDeploymentsTo("http://127.0.0.1:8080", "3");
        source.reportStopped(Duration.ofSeconds(10));

        assertThat(deployments).hasSize(2);
        assertThat(deployments.get(0).get("status").asText()).isEqualTo("running");
        JsonNode stopped = deployments.get(1);
        assertThat(stopped.get("status").asText()).isEqualTo("stopped");
        assertThat(stopped.get("target").asText()).isEqualTo("http://127.0.0.1:8080");
        assertThat(stopped.get("version").intValue()).isEqualTo(3);
        assertThat(stopped.get("alias").asText()).isEqualTo("champion");
    }

    @Test
    void nothingIsReportedWhenNoDeploymentWasAndNothingAfterStopping() throws IOException {
        RegistrySource source = source();
        source.reportStopped(Duration.ofSeconds(10));
        source.reportDeploymentsTo("http://127.0.0.1:8080", "3");
        assertThat(deployments)
                .as("a server stopping never reports running again")
                .isEmpty();
    }

    @Test
    void aRegistryThatNeverAnswersDoesNotHoldUpShutdown() throws IOException {
        RegistrySource source = source();
        source.reportDeploymentsTo("http://127.0.0.1:8080", "3");
        CountDownLatch hang = new CountDownLatch(1);
        registry.removeContext("/api/models/listing-price/deployments");
        registry.createContext("/api/models/listing-price/deployments", exchange -> {
            try {
                hang.await(); // from now on the registry hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try {
            // the report gives up after its timeout; the generous bound only catches "waits forever"
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> source.reportStopped(Duration.ofMillis(100)));
        } finally {
            hang.countDown();
        }
    }
}
