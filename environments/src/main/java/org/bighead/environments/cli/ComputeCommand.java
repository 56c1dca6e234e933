package org.bighead.environments.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.compute.docker.LocalDockerCompute;
import org.bighead.environments.compute.ec2.Ec2Compute;
import org.bighead.environments.compute.ec2.Ec2Settings;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.service.ComputeService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bighead compute start|status|logs|stop|list}: the compute API from the command line, for scripts and for
 * JupyterHub's Bighead spawner (which starts, polls and stops notebook servers through it). {@code --json} prints
 * workloads as {@code {"id", "backend", "name", "image", "instance_type", "state", "exit_code", "labels"}}.
 */
@Command(
        name = "compute",
        mixinStandardHelpOptions = true,
        description = "Start an environment's image on an instance type, and look after it (local Docker or EC2).",
        subcommands = {
            ComputeCommand.Start.class,
            ComputeCommand.Status.class,
            ComputeCommand.Logs.class,
            ComputeCommand.Stop.class,
            ComputeCommand.ListWorkloads.class,
            ComputeCommand.Serve.class
        })
public final class ComputeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The back end option and what it opens. */
    static class Backend {
        @Option(
                names = "--backend",
                paramLabel = "BACKEND",
                defaultValue = "docker",
                description = "docker (this"
                        + " machine's engine or Bighead's own) or ec2 (settings aws.region, ec2.ami, …); default:"
                        + " ${DEFAULT-VALUE}")
        String backend;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        Compute open() {
            return switch (backend) {
                case "docker" -> new LocalDockerCompute(DockerEngine.connect(EnvMain.home()));
                case "ec2" -> new Ec2Compute(Ec2Settings.load(), null);
                default ->
                    throw new IllegalArgumentException("unknown back end '" + backend + "' (valid: docker, ec2)");
            };
        }

        void print(Object value, String text) throws Exception {
            System.out.println(json ? EnvCommand.JSON.writeValueAsString(value) : text);
        }
    }

    static Map<String, Object> json(Workload w) {
        return ComputeService.workloadJson(w);
    }

    static String text(Workload w) {
        return String.format(
                "%-14s %-8s %-16s %-12s %s",
                w.id().length() > 12 ? w.id().substring(0, 12) : w.id(),
                w.state().name().toLowerCase(java.util.Locale.ROOT),
                w.instanceType(),
                w.backend(),
                w.image());
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start IMAGE on an instance type;" + " prints the workload (its id first).")
    static final class Start extends Backend implements Callable<Integer> {
        @Option(
                names = "--image",
                required = true,
                paramLabel = "IMAGE",
                description =
                        "an environment's image" + " (./bighead env build NAME prints it; for ec2 a pushed reference)")
        String image;

        @Option(
                names = "--instance-type",
                required = true,
                paramLabel = "TYPE",
                description = "./bighead hardware" + " list")
        String instanceType;

        @Option(
                names = {"-e", "--env"},
                paramLabel = "KEY=VALUE",
                description = "an environment variable")
        Map<String, String> env = new LinkedHashMap<>();

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "a label (owner, purpose, …)")
        Map<String, String> labels = new LinkedHashMap<>();

        @Option(names = "--volume", paramLabel = "NAME=PATH", description = "a named volume mounted at PATH")
        Map<String, String> volumes = new LinkedHashMap<>();

        @Option(names = "--name", paramLabel = "NAME", description = "a name unique on the back end")
        String name;

        @Parameters(paramLabel = "CMD", description = "the command (after --); default: the image's")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            var type = HardwareCatalog.snapshot().require(instanceType);
            LaunchSpec.Builder launch = LaunchSpec.builder(image, type)
                    .command(command)
                    .labels(labels)
                    .name(name);
            env.forEach(launch::env);
            volumes.forEach(launch::volume);
            try (Compute compute = open()) {
                Workload w = compute.start(launch.build());
                print(json(w), w.id());
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A workload's state.")
    static final class Status extends Backend implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            try (Compute compute = open()) {
                Workload w = compute.status(id);
                print(json(w), text(w));
            }
            return 0;
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "A workload's last lines of output.")
    static final class Logs extends Backend implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(
                names = "--tail",
                paramLabel = "N",
                defaultValue = "100",
                description = "lines (default" + " ${DEFAULT-VALUE})")
        int tail;

        @Override
        public Integer call() throws Exception {
            try (Compute compute = open()) {
                System.out.print(compute.logs(id, tail));
            }
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop a workload and remove its" + " container or instance (named volumes stay).")
    static final class Stop extends Backend implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            try (Compute compute = open()) {
                compute.stop(id);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Bighead's workloads with these labels.")
    static final class ListWorkloads extends Backend implements Callable<Integer> {
        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "a label they must carry")
        Map<String, String> labels = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            try (Compute compute = open()) {
                List<Workload> found = compute.list(labels);
                if (json) {
                    System.out.println(EnvCommand.JSON.writeValueAsString(
                            found.stream().map(ComputeCommand::json).toList()));
                } else {
                    found.forEach(w -> System.out.println(text(w)));
                }
            } catch (ComputeException e) {
                throw e;
            }
            return 0;
        }
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = {
                "Serve the compute API over HTTP on loopback for JupyterHub's Bighead spawner (the hub's configuration"
                        + " starts it). Prints one JSON line {\"url\": …} when ready.",
                "Every request must carry the token in BIGHEAD_COMPUTE_TOKEN (Authorization: Bearer TOKEN)."
            })
    static final class Serve extends EnvCommand.Common implements Callable<Integer> {
        static final String TOKEN_VARIABLE = "BIGHEAD_COMPUTE_TOKEN";

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "address (default ${DEFAULT-VALUE})")
        String host;

        @Option(names = "--port", defaultValue = "0", description = "port (default: a free one)")
        int port;

        @Option(
                names = "--backends",
                paramLabel = "B[,B]",
                split = ",",
                description = "back ends to offer, the default first (default: docker when an engine answers, and"
                        + " ec2 when ec2.ami is set)")
        List<String> backends = new ArrayList<>();

        @Option(names = "--image-registry", paramLabel = "HOST:PORT", description = "where images go for EC2")
        @org.bighead.config.Setting("images.registry")
        String imageRegistry;

        @Option(names = "--parent-pid", paramLabel = "PID", description = "exit when this process (the hub) is gone")
        Long parentPid;

        @Override
        public Integer call() throws Exception {
            String token = System.getenv(TOKEN_VARIABLE);
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException(
                        "compute serve needs a token in " + TOKEN_VARIABLE + " (never on the command line)");
            }
            Map<String, Compute> open = new LinkedHashMap<>();
            DockerEngine engine = null;
            Ec2Settings ec2 = Ec2Settings.load();
            List<String> wanted = new ArrayList<>(backends);
            if (wanted.isEmpty()) {
                wanted.add("docker");
                if (ec2.configured()) {
                    wanted.add("ec2");
                }
            }
            for (String b : wanted) {
                switch (b) {
                    case "docker" -> {
                        engine = DockerEngine.connect(EnvMain.home());
                        open.put(b, new LocalDockerCompute(engine));
                    }
                    case "ec2" -> open.put(b, new Ec2Compute(ec2, null));
                    default -> throw new IllegalArgumentException("unknown back end '" + b + "' (valid: docker, ec2)");
                }
            }
            if (engine == null) {
                try {
                    engine = DockerEngine.connect(EnvMain.home()); // images for EC2 are built here too
                } catch (RuntimeException e) {
                    engine = null;
                }
            }
            ComputeService service =
                    new ComputeService(EnvMain.home(), this::environments, open, engine, imageRegistry, token);
            java.net.URI url = service.start(host, port);
            service.warmUp();
            Runtime.getRuntime().addShutdownHook(new Thread(service::close));
            System.out.println(EnvCommand.JSON
                    .writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(Map.of("url", url.toString(), "backends", List.copyOf(open.keySet()))));
            System.out.flush();
            if (parentPid != null) {
                var parent = ProcessHandle.of(parentPid);
                while (parent.isPresent() && parent.get().isAlive()) {
                    Thread.sleep(1000);
                }
                return 0;
            }
            Thread.currentThread().join();
            return 0;
        }
    }
}
