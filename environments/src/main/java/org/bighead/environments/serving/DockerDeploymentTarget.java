package org.bighead.environments.serving;

import com.github.dockerjava.api.exception.DockerException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.compute.WorkloadNotFoundException;
import org.bighead.environments.compute.docker.LocalDockerCompute;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.bighead.productionize.deploy.Deployment;
import org.bighead.productionize.deploy.DeploymentException;
import org.bighead.productionize.deploy.DeploymentRequest;
import org.bighead.productionize.deploy.DeploymentState;
import org.bighead.productionize.deploy.DeploymentTarget;
import org.bighead.productionize.deploy.Listener;
import org.bighead.productionize.deploy.Ports;
import org.bighead.productionize.deploy.Readiness;
import org.bighead.productionize.deploy.Target;
import org.bighead.productionize.deploy.TargetContext;
import org.bighead.registry.client.Version;

/**
 * A container of the version's serving image on the compute layer's Docker back end ({@link LocalDockerCompute}):
 * on the host's network at the deployment's port, with the instance type's limits. The container is the
 * engine's, not the caller's: it runs on after the command or the kernel that started it exits.
 */
public final class DockerDeploymentTarget implements DeploymentTarget {
    private final DeploymentState state;
    private final ServingImages images;
    private final TargetContext context;

    public DockerDeploymentTarget(TargetContext context, ServingImages images) {
        this.state = context.state();
        this.images = images;
        this.context = context;
    }

    DockerEngine engine() {
        return images.engine();
    }

    @Override
    public Deployment start(DeploymentRequest request, Version version, Listener listener) {
        try {
            return startOnEngine(request, version, listener);
        } catch (DockerException e) {
            // what the engine says, in one line; what the start made is gone already (startOnEngine undoes it)
            throw new DeploymentException(
                    "the Docker engine refused: " + e.getMessage().strip(), e);
        }
    }

    private Deployment startOnEngine(DeploymentRequest request, Version version, Listener listener) {
        int port = request.port() != null ? Ports.requireFree(request.port()) : Ports.free();
        String url = "http://127.0.0.1:" + port;
        try (DockerEngine engine = engine();
                LocalDockerCompute compute = new LocalDockerCompute(engine)) {
            InstanceType type = instanceType(request.instanceType(), compute);
            ServingImages.Image image = images.build(engine, context.environment(request), version, listener);
            // a container left by a start that was killed half-way holds the name: it is this deployment's own
            for (Workload old : compute.list(Map.of(ServingLaunchSpecs.DEPLOYMENT, request.name()))) {
                stopQuietly(compute, old.id());
            }
            long t0 = System.nanoTime();
            Workload workload;
            try {
                workload = compute.start(ServingLaunchSpecs.of(
                        image.reference(), type, request.name(), version.model(), version.version(), port));
            } catch (ComputeException e) {
                throw new DeploymentException(e.getMessage(), e);
            }
            Deployment deployment = new Deployment(
                    request.name(),
                    Target.DOCKER.label(),
                    version.model(),
                    request.model(),
                    version.version(),
                    url,
                    Deployment.endpointOf(url, version.model()),
                    port,
                    null,
                    null,
                    workload.id(),
                    image.reference(),
                    image.overBase(),
                    null,
                    null,
                    context.registry().url(),
                    Instant.now().toString(),
                    "running");
            try {
                state.save(deployment);
                listener.step(new Listener.Step(
                        "start",
                        "started container " + workload.name() + " ("
                                + workload.id().substring(0, 12) + ")",
                        0));
                Readiness.await(
                        url,
                        context.readyTimeout(),
                        () -> exited(compute, workload.id()),
                        () -> logsQuietly(compute, workload.id()));
            } catch (RuntimeException e) {
                stopQuietly(compute, workload.id());
                state.delete(request.name());
                throw e;
            }
            listener.step(new Listener.Step("ready", "ready at " + url, (System.nanoTime() - t0) / 1_000_000));
            return deployment;
        }
    }

    /** The named type's limits, or the whole host's. */
    static InstanceType instanceType(String name, LocalDockerCompute compute) {
        if (name != null && !name.isBlank()) {
            try {
                return HardwareCatalog.snapshot().require(name);
            } catch (IllegalArgumentException e) {
                throw new DeploymentException(e.getMessage(), e);
            }
        }
        var host = compute.host();
        return new InstanceType("host", host.cpus(), host.memoryBytes() / (1024 * 1024), 0, null, 0, null);
    }

    private static Optional<String> exited(LocalDockerCompute compute, String id) {
        try {
            Workload w = compute.status(id);
            if (w.state().isDone()) {
                return Optional.of("the serving container exited (code " + w.exitCode() + ") before it was ready"
                        + Readiness.lastLine(logsQuietly(compute, id)));
            }
            return Optional.empty();
        } catch (WorkloadNotFoundException e) {
            return Optional.of("the serving container " + id.substring(0, 12) + " is gone");
        }
    }

    private static String logsQuietly(LocalDockerCompute compute, String id) {
        try {
            return compute.logs(id, 20);
        } catch (ComputeException e) {
            return "";
        }
    }

    private static void stopQuietly(LocalDockerCompute compute, String id) {
        try {
            compute.stop(id);
        } catch (ComputeException e) {
            // gone already
        }
    }

    @Override
    public boolean running(Deployment deployment) {
        try (DockerEngine engine = engine();
                LocalDockerCompute compute = new LocalDockerCompute(engine)) {
            return compute.status(deployment.container()).state() == Workload.State.RUNNING;
        } catch (WorkloadNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop(Deployment deployment) {
        try (DockerEngine engine = engine();
                LocalDockerCompute compute = new LocalDockerCompute(engine)) {
            stopQuietly(compute, deployment.container());
        }
    }

    @Override
    public String logs(Deployment deployment, int lines) {
        try (DockerEngine engine = engine();
                LocalDockerCompute compute = new LocalDockerCompute(engine)) {
            return compute.logs(deployment.container(), lines);
        } catch (WorkloadNotFoundException e) {
            throw new DeploymentException("the container of deployment " + deployment.name() + " is gone", e);
        }
    }
}
