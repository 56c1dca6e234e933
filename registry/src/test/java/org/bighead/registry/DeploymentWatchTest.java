package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.bighead.registry.client.Deployment;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.VersionInfo;
import org.bighead.registry.deployments.DeploymentWatch;
import org.bighead.registry.store.Database;
import org.bighead.registry.store.DeploymentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server a notebook started dies with its kernel and nobody tells the registry: the watch marks it lost. A
 * server still answering, and a target on another machine, stay as they were.
 */
class DeploymentWatchTest {
    @Test
    void aLoopbackDeploymentThatRefusesConnectionsIsMarkedLostAndTheOthersStay(@TempDir Path dir) throws Exception {
        HttpServer alive = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        alive.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        alive.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // free again once closed: nothing listens there
        }
        try (TestRegistry r = TestRegistry.start(RegistryConfig.local(dir).deploymentCheck(Duration.ZERO));
                Database db = Database.open(r.config.jdbcUrl(), null, null)) {
            RegistryClient admin = r.admin();
            int v1 = admin.register("m", TestBundles.first(), VersionInfo.empty())
                    .version();
            String dead = "http://127.0.0.1:" + closedPort;
            String running = "http://127.0.0.1:" + alive.getAddress().getPort();
            String remote = "http://10.255.255.1:8080";
            for (String target : new String[] {dead, running, remote}) {
                admin.recordDeployment("m", v1, null, target, "serving", "running");
            }

            DeploymentWatch watch = new DeploymentWatch(new DeploymentStore(db));
            assertThat(watch.checkOnce()).extracting(Deployment::target).containsExactly(dead);
            assertThat(admin.deployments("m"))
                    .extracting(Deployment::target, Deployment::status)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(dead, "lost"),
                            org.assertj.core.groups.Tuple.tuple(running, "running"),
                            org.assertj.core.groups.Tuple.tuple(remote, "running"));
            assertThat(admin.deploymentHistory("m", dead))
                    .extracting(e -> e.status() + " by " + e.createdBy())
                    .containsExactly("running by admin", "lost by registry");
            assertThat(watch.checkOnce())
                    .as("a lost deployment is not marked twice")
                    .isEmpty();
        } finally {
            alive.stop(0);
        }
    }

    @Test
    void onlyLiteralLoopbackAddressesCount() {
        assertThat(DeploymentWatch.onThisMachine("http://127.0.0.1:8080")).isTrue();
        assertThat(DeploymentWatch.onThisMachine("http://localhost:8080/")).isTrue();
        assertThat(DeploymentWatch.onThisMachine("http://[::1]:8080")).isTrue();
        assertThat(DeploymentWatch.onThisMachine("http://10.0.0.5:8080")).isFalse();
        assertThat(DeploymentWatch.onThisMachine("http://serving.internal:8080"))
                .isFalse();
        assertThat(DeploymentWatch.onThisMachine("k8s/deploy.yaml")).isFalse();
    }
}
