package org.bighead.productionize.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bighead.config.Setting;
import org.bighead.config.Settings;
import org.bighead.productionize.deploy.Deployment;
import org.bighead.productionize.deploy.DeploymentRequest;
import org.bighead.productionize.deploy.Deployments;
import org.bighead.productionize.deploy.Listener;
import org.bighead.productionize.deploy.Target;
import org.bighead.registry.client.RegistryClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./bighead deployments start|list|stop|logs}. */
@Command(
        name = "bighead deployments",
        mixinStandardHelpOptions = true,
        description = {
            "Deployments of registered models: a serving process on this machine, a container of the serving image"
                    + " (the environment's runtime image plus the model) on the compute layer, or Kubernetes"
                    + " manifests. A process or container keeps running after the command exits; list and stop"
                    + " manage those of this machine (state in $BIGHEAD_HOME/deployments, default ~/.bighead)."
        },
        subcommands = {
            DeploymentsCommand.StartCommand.class,
            DeploymentsCommand.ListCommand.class,
            DeploymentsCommand.StopCommand.class,
            DeploymentsCommand.LogsCommand.class
        })
public final class DeploymentsCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where the registry is; the token comes from BIGHEAD_REGISTRY_TOKEN or the config file, never from argv. */
    static class RegistryOption {
        @Option(
                names = "--registry",
                paramLabel = "URL",
                defaultValue = RegistryClient.DEFAULT_URL,
                description = "The registry the deployment is recorded in (default ${DEFAULT-VALUE}).")
        @Setting("registry.url")
        String registry;

        Deployments deployments() {
            return Deployments.of(registry, Settings.load());
        }
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Start serving a registered model and record the deployment in the registry. Steps go to stderr;"
                        + " the last line on stdout is the endpoint (with --json: the deployment as JSON).",
                "Targets: this machine (default: a detached ./bighead serve, following an alias's moves), --docker"
                        + " (the serving image, built on the environment's runtime image, run on the compute"
                        + " layer), --k8s DIR (manifests written to DIR and validated against the Kubernetes"
                        + " schema). Whatever a failed start made is removed again."
            })
    static final class StartCommand extends RegistryOption implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The deployment's name: lower-case letters, digits and '-'.")
        String name;

        @Option(
                names = "--model",
                required = true,
                paramLabel = "REF",
                description = "The model: NAME@ALIAS, NAME/VERSION or NAME (the latest version).")
        String model;

        @Option(
                names = "--port",
                paramLabel = "N",
                description = "The port on 127.0.0.1 (local, docker; default: a free one).")
        Integer port;

        @ArgGroup(exclusive = true)
        Where where = new Where();

        static final class Where {
            @Option(names = "--docker", description = "Run the serving image in a container on the compute layer.")
            boolean docker;

            @Option(
                    names = "--k8s",
                    paramLabel = "DIR",
                    description = "Write Kubernetes manifests (Deployment, Service, HorizontalPodAutoscaler) to DIR.")
            Path k8s;
        }

        @Option(
                names = "--environment",
                paramLabel = "ENV",
                description = "The environment the serving image stands on (docker, k8s; default $BIGHEAD_ENVIRONMENT,"
                        + " else cpu).")
        String environment;

        @Option(
                names = "--instance-type",
                paramLabel = "TYPE",
                description = "The container's CPU and memory limits (docker; default: the whole host).")
        String instanceType;

        @Option(
                names = "--image",
                paramLabel = "IMAGE",
                description = "The serving image the manifests name (k8s; default: built here as --docker builds it).")
        String image;

        @Option(
                names = "--push",
                description = "Push the serving image built here to the image registry (setting images.registry, else"
                        + " the one ./bighead engine start runs) and name the pushed image in the manifests (k8s).")
        boolean push;

        @Option(
                names = "--replicas",
                paramLabel = "N",
                defaultValue = "1",
                description = "Replicas, the autoscaler's minimum (k8s; default ${DEFAULT-VALUE}).")
        int replicas;

        @Option(
                names = "--max-replicas",
                paramLabel = "N",
                defaultValue = "4",
                description = "The autoscaler's maximum (k8s; default ${DEFAULT-VALUE}).")
        int maxReplicas;

        @Option(names = "--json", description = "Print the deployment as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            DeploymentRequest.Builder request = DeploymentRequest.builder(name, model)
                    .port(port)
                    .environment(environment)
                    .instanceType(instanceType)
                    .image(image)
                    .push(push)
                    .replicas(replicas, maxReplicas);
            if (where.docker) {
                request.target(Target.DOCKER);
            } else if (where.k8s != null) {
                request.kubernetes(where.k8s);
            }
            Listener progress = step -> {
                if (!step.name().equals("progress")) {
                    System.err.println(step);
                }
            };
            Deployment d = deployments().start(request.build(), progress);
            if (json) {
                System.out.println(JSON.writeValueAsString(d));
            } else if (d.target().equals(Target.KUBERNETES.label())) {
                System.out.println(d.manifests());
            } else {
                System.out.println(d.endpoint());
            }
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The deployments on this machine (local processes, containers) and whether they run.")
    static final class ListCommand extends RegistryOption implements Callable<Integer> {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<Deployment> all = deployments().list();
            if (json) {
                System.out.println(JSON.writeValueAsString(all));
                return 0;
            }
            if (all.isEmpty()) {
                System.out.println("No deployments on this machine (./bighead deployments start NAME --model REF).");
                return 0;
            }
            System.out.printf("%-24s %-7s %-24s %-8s %-8s %s%n", "NAME", "TARGET", "MODEL", "VERSION", "STATUS", "URL");
            for (Deployment d : all) {
                System.out.printf(
                        "%-24s %-7s %-24s %-8s %-8s %s%n",
                        d.name(), d.target(), d.modelRef(), "v" + d.version(), d.status(), d.endpoint());
            }
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop a deployment on this machine (its process or container) and record it stopped.")
    static final class StopCommand extends RegistryOption implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The deployment.")
        String name;

        @Override
        public Integer call() throws Exception {
            deployments().stop(name, step -> System.err.println(step));
            return 0;
        }
    }

    @Command(
            name = "logs",
            mixinStandardHelpOptions = true,
            description = "The last lines of a deployment's output (the process's log file, the container's logs).")
    static final class LogsCommand extends RegistryOption implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The deployment.")
        String name;

        @Option(
                names = {"-n", "--lines"},
                paramLabel = "N",
                defaultValue = "100",
                description = "How many lines (default ${DEFAULT-VALUE}).")
        int lines;

        @Override
        public Integer call() throws Exception {
            System.out.print(deployments().logs(name, lines));
            return 0;
        }
    }
}
