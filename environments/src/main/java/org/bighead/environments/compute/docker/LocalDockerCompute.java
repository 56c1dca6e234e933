package org.bighead.environments.compute.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.compute.WorkloadNotFoundException;
import org.bighead.environments.engine.DockerEngine;

/**
 * The compute API on a Docker engine (this machine's, or Bighead's own): a workload is a container on the host's
 * network, limited to its instance type's vCPUs and memory, holding GPUs of its own where the host has them.
 */
public final class LocalDockerCompute implements Compute {
    private final DockerEngine engine;
    private final DockerClient docker;

    public LocalDockerCompute(DockerEngine engine) {
        this.engine = engine;
        this.docker = engine.client();
    }

    @Override
    public String backend() {
        return "docker";
    }

    /** What this host offers containers: the engine's CPUs and memory, and the NVIDIA GPUs the kernel lists. */
    public ContainerSpecs.Host host() {
        Info info = engine.info();
        int cpus = info.getNCPU() == null ? Runtime.getRuntime().availableProcessors() : info.getNCPU();
        long memory = info.getMemTotal() == null ? Long.MAX_VALUE : info.getMemTotal();
        return new ContainerSpecs.Host(cpus, memory, hostGpus());
    }

    static int hostGpus() {
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        if (!Files.isDirectory(gpus)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(gpus)) {
            return (int) list.count();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public Workload start(LaunchSpec spec) {
        ContainerSpecs.ContainerSpec container = plan(spec);
        Created created = create(container);
        try {
            docker.startContainerCmd(created.id()).exec();
            return status(created.id());
        } catch (DockerException e) {
            removeQuietly(created.id());
            removeVolumes(created.volumes()); // nothing of a failed start is left behind
            throw new ComputeException("could not start " + spec.image() + ": " + message(e));
        }
    }

    /**
     * Runs {@code spec} to its end, its output copied to {@code out} and {@code err}, and removes the container.
     *
     * @return the process's exit code
     */
    public int run(LaunchSpec spec, OutputStream out, OutputStream err) {
        String id = create(plan(spec)).id();
        Thread cleanup = new Thread(() -> removeQuietly(id), "remove-" + id);
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            docker.startContainerCmd(id).exec();
            docker.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            try {
                                OutputStream to = frame.getStreamType() == StreamType.STDERR ? err : out;
                                to.write(frame.getPayload());
                                to.flush();
                            } catch (IOException e) {
                                // the reader went away: the container still runs to its end
                            }
                        }
                    })
                    .awaitCompletion();
            Integer code = docker.waitContainerCmd(id).start().awaitStatusCode();
            return code == null ? 1 : code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (DockerException e) {
            throw new ComputeException("could not run " + spec.image() + ": " + message(e));
        } finally {
            removeQuietly(id);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway
            }
        }
    }

    private ContainerSpecs.ContainerSpec plan(LaunchSpec spec) {
        if (!engine.hasImage(spec.image())) {
            throw new ComputeException("image " + spec.image() + " is not in the engine at " + engine.host()
                    + ": build it first (./bighead env build NAME)");
        }
        return ContainerSpecs.of(spec, host(), gpusInUse());
    }

    private Set<String> gpusInUse() {
        Set<String> ids = new HashSet<>();
        for (Container c : docker.listContainersCmd()
                .withLabelFilter(Map.of(MANAGED_BY, "bighead"))
                .exec()) {
            String held = c.getLabels() == null ? null : c.getLabels().get(ContainerSpecs.GPUS);
            if (held != null) {
                ids.addAll(List.of(held.split(",")));
            }
        }
        return ids;
    }

    /** A created container and the named volumes its creation made (not those that existed before). */
    private record Created(String id, List<String> volumes) {}

    /** Creates the container, and the named volumes it needs; on failure removes the volumes it made. */
    private Created create(ContainerSpecs.ContainerSpec c) {
        List<String> createdVolumes = new ArrayList<>();
        try {
            List<Mount> mounts = new ArrayList<>();
            for (LaunchSpec.Volume v : c.volumes()) {
                try {
                    docker.inspectVolumeCmd(v.name()).exec();
                } catch (NotFoundException e) {
                    docker.createVolumeCmd()
                            .withName(v.name())
                            .withLabels(Map.of(MANAGED_BY, "bighead"))
                            .exec();
                    createdVolumes.add(v.name());
                }
                mounts.add(new Mount()
                        .withType(MountType.VOLUME)
                        .withSource(v.name())
                        .withTarget(v.path()));
            }
            for (LaunchSpec.Mount m : c.mounts()) {
                mounts.add(new Mount()
                        .withType(MountType.BIND)
                        .withSource(m.path())
                        .withTarget(m.path())
                        .withReadOnly(m.readOnly()));
            }
            HostConfig host = HostConfig.newHostConfig()
                    .withNetworkMode("host")
                    .withNanoCPUs(c.nanoCpus())
                    .withMemory(c.memoryBytes())
                    .withMemorySwap(c.memoryBytes())
                    .withMounts(mounts);
            if (!c.gpuIds().isEmpty()) {
                host.withDeviceRequests(List.of(new DeviceRequest()
                        .withDriver("nvidia")
                        .withDeviceIds(c.gpuIds())
                        .withCapabilities(List.of(List.of("gpu")))));
            }
            CreateContainerCmd cmd = docker.createContainerCmd(c.image())
                    .withEnv(c.env())
                    .withLabels(c.labels())
                    .withHostConfig(host);
            if (!c.command().isEmpty()) {
                cmd.withCmd(c.command());
            }
            if (c.name() != null) {
                cmd.withName(c.name());
            }
            return new Created(cmd.exec().getId(), createdVolumes);
        } catch (DockerException e) {
            removeVolumes(createdVolumes);
            throw new ComputeException("could not create a container of " + c.image() + ": " + message(e));
        }
    }

    @Override
    public Workload status(String id) {
        InspectContainerResponse c;
        try {
            c = docker.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            throw new WorkloadNotFoundException("no workload " + id + " on the Docker engine at " + engine.host());
        }
        Map<String, String> labels = c.getConfig().getLabels() == null
                ? Map.of()
                : new LinkedHashMap<>(c.getConfig().getLabels());
        var state = c.getState();
        Workload.State s;
        if (Boolean.TRUE.equals(state.getRunning())) {
            s = Workload.State.RUNNING;
        } else if ("created".equals(state.getStatus())) {
            s = Workload.State.PENDING;
        } else if ("exited".equals(state.getStatus()) || "dead".equals(state.getStatus())) {
            s = Workload.State.EXITED;
        } else {
            s = Workload.State.UNKNOWN;
        }
        Long exit = state.getExitCodeLong();
        return new Workload(
                c.getId(),
                backend(),
                c.getName() == null ? null : c.getName().replaceFirst("^/", ""),
                c.getConfig().getImage(),
                labels.get(ContainerSpecs.INSTANCE_TYPE),
                s,
                s == Workload.State.EXITED && exit != null ? exit.intValue() : null,
                labels,
                "127.0.0.1"); // containers share the host's network
    }

    @Override
    public String logs(String id, int tailLines) {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(tailLines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })
                    .awaitCompletion();
        } catch (NotFoundException e) {
            throw new WorkloadNotFoundException("no workload " + id + " on the Docker engine at " + engine.host());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }

    @Override
    public void stop(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException e) {
            throw new WorkloadNotFoundException("no workload " + id + " on the Docker engine at " + engine.host());
        }
    }

    @Override
    public List<Workload> list(Map<String, String> labels) {
        Map<String, String> filter = new LinkedHashMap<>(labels);
        filter.put(MANAGED_BY, "bighead");
        List<Workload> out = new ArrayList<>();
        for (Container c : docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(filter)
                .exec()) {
            try {
                out.add(status(c.getId()));
            } catch (ComputeException e) {
                // removed meanwhile
            }
        }
        return out;
    }

    @Override
    public boolean deleteVolume(String name) {
        try {
            docker.removeVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (DockerException e) {
            throw new ComputeException("could not remove volume " + name + ": " + message(e));
        }
    }

    private void removeVolumes(List<String> volumes) {
        for (String v : volumes) {
            try {
                docker.removeVolumeCmd(v).exec();
            } catch (DockerException ignored) {
                // best effort: the error the caller gets is what matters
            }
        }
    }

    private void removeQuietly(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (DockerException e) {
            // already gone
        }
    }

    private static String message(DockerException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        // docker-java prefixes the status and wraps the engine's JSON: keep the engine's words
        int at = m.indexOf("\"message\":\"");
        if (at >= 0) {
            int end = m.indexOf('"', at + 11);
            return end > at ? m.substring(at + 11, end) : m;
        }
        return m.replaceFirst("^Status \\d+: ", "").strip();
    }
}
