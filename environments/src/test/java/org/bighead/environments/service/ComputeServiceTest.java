package org.bighead.environments.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.environments.Environments;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.compute.WorkloadNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The spawner's view of the compute service: HTTP on loopback, over a back end that keeps workloads in memory. */
class ComputeServiceTest {
    static final String TOKEN = "a-token-of-enough-length";
    final HttpClient http = HttpClient.newHttpClient();
    final InMemoryCompute compute = new InMemoryCompute();
    ComputeService service;
    URI url;

    @BeforeEach
    void start() throws Exception {
        Path home = Path.of(System.getProperty("bighead.root", ".."));
        service = new ComputeService(
                home, () -> new Environments(home, List.of(), null), Map.of("docker", compute), null, null, TOKEN);
        url = service.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(url.resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRequestNeedsTheToken() throws Exception {
        assertThat(call("GET", "/api/offers", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/offers", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/offers", null, TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void offersListTheCatalogsEnvironmentsAndTheTypes() throws Exception {
        String body = call("GET", "/api/offers", null, TOKEN).body();

        assertThat(body).contains("\"backends\":[\"docker\"]", "\"name\":\"cpu\"", "\"name\":\"p3.2xlarge\"");
    }

    @Test
    void aCheckThatFailsIsA400NamingTheValidValues() throws Exception {
        var r = call("POST", "/api/check", "{\"environment\":\"nope\",\"instance_type\":\"t3.medium\"}", TOKEN);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unknown environment 'nope' (valid: cpu");
        assertThat(call("POST", "/api/check", "not json", TOKEN).body()).contains("the request body is not JSON");
    }

    @Test
    void aWorkloadIsStartedWatchedAndStopped() throws Exception {
        var started = call(
                "POST",
                "/api/workloads",
                "{\"image\":\"bighead/env-cpu-notebook:abc\",\"instance_type\":\"t3.medium\",\"name\":\"bighead-alice\","
                        + "\"env\":{\"BIGHEAD_ENVIRONMENT\":\"cpu\"},\"labels\":{\"org.bighead.owner\":\"alice\"},"
                        + "\"volumes\":{\"bighead-home-alice\":\"/home/jovyan\"},\"command\":[\"jupyterhub-singleuser\"]}",
                TOKEN);
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(started.body()).contains("\"state\":\"running\"", "\"address\":\"127.0.0.1\"");
        LaunchSpec spec = compute.started.get(0);
        assertThat(spec.instanceType().memoryMib()).isEqualTo(4096);
        assertThat(spec.env()).containsEntry("BIGHEAD_ENVIRONMENT", "cpu");
        assertThat(spec.volumes()).containsExactly(new LaunchSpec.Volume("bighead-home-alice", "/home/jovyan"));
        assertThat(spec.command()).containsExactly("jupyterhub-singleuser");

        assertThat(call("GET", "/api/workloads/w1?backend=docker", null, TOKEN).body())
                .contains("\"id\":\"w1\"");
        assertThat(call("GET", "/api/workloads?labels=%7B%22org.bighead.owner%22%3A%22alice%22%7D", null, TOKEN)
                        .body())
                .contains("\"id\":\"w1\"");
        assertThat(call("DELETE", "/api/workloads/w1", null, TOKEN).statusCode())
                .isEqualTo(204);
        assertThat(call("GET", "/api/workloads/w1", null, TOKEN).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/volumes/bighead-home-alice", null, TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBackEndsRefusalIsA409InItsOwnWords() throws Exception {
        compute.refuse = "EC2 could not start p4d.24xlarge: InsufficientInstanceCapacity";
        var r = call("POST", "/api/workloads", "{\"image\":\"i\",\"instance_type\":\"t3.medium\"}", TOKEN);

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("InsufficientInstanceCapacity");
        assertThat(call("GET", "/api/nothing", null, TOKEN).statusCode()).isEqualTo(404);
    }

    /** A back end that keeps its workloads in a map. */
    static final class InMemoryCompute implements Compute {
        final List<LaunchSpec> started = new ArrayList<>();
        final Map<String, Workload> workloads = new LinkedHashMap<>();
        String refuse;

        @Override
        public String backend() {
            return "docker";
        }

        @Override
        public Workload start(LaunchSpec spec) {
            if (refuse != null) {
                throw new ComputeException(refuse);
            }
            started.add(spec);
            String id = "w" + started.size();
            Workload w = new Workload(
                    id,
                    "docker",
                    spec.name(),
                    spec.image(),
                    spec.instanceType().name(),
                    Workload.State.RUNNING,
                    null,
                    spec.labels(),
                    "127.0.0.1");
            workloads.put(id, w);
            return w;
        }

        @Override
        public Workload status(String id) {
            Workload w = workloads.get(id);
            if (w == null) {
                throw new WorkloadNotFoundException("no workload " + id);
            }
            return w;
        }

        @Override
        public String logs(String id, int tailLines) {
            return "";
        }

        @Override
        public void stop(String id) {
            if (workloads.remove(id) == null) {
                throw new WorkloadNotFoundException("no workload " + id);
            }
        }

        @Override
        public List<Workload> list(Map<String, String> labels) {
            return workloads.values().stream()
                    .filter(w -> w.labels().entrySet().containsAll(labels.entrySet()))
                    .toList();
        }
    }
}
