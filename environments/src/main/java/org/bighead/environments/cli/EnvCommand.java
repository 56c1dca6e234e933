package org.bighead.environments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.config.Setting;
import org.bighead.config.Settings;
import org.bighead.environments.DerivedEnvironments;
import org.bighead.environments.Environments;
import org.bighead.environments.catalog.Carry;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.docker.LocalDockerCompute;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.bighead.environments.image.ImageBuilder;
import org.bighead.environments.image.ImagePush;
import org.bighead.environments.image.ImageSpecs;
import org.bighead.environments.image.ImageSpecs.Flavor;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./bighead env list|show|build|run}. */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = "Environments: what the notebook, serving and the jobs of a model run in (one image each).",
        subcommands = {
            EnvCommand.ListCommand.class,
            EnvCommand.ShowCommand.class,
            EnvCommand.BuildCommand.class,
            EnvCommand.RunCommand.class,
            EnvCreateCommand.class
        })
public final class EnvCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every env subcommand shares. */
    static class Common {
        @Option(
                names = "--debian-base",
                paramLabel = "IMAGE",
                description = "an image (Debian with python3 and venv) to build notebook images on instead of the"
                        + " one made with debootstrap")
        @Setting("images.debian-base")
        String debianBase;

        @Option(
                names = "--registry-url",
                paramLabel = "URL",
                defaultValue = RegistryClient.DEFAULT_URL,
                description = "the Bighead registry, which keeps derived environments (default ${DEFAULT-VALUE})")
        @Setting("registry.url")
        String registryUrl;

        /** Images the registry recorded for derived environments, by name. */
        final Map<String, String> registryImages = new LinkedHashMap<>();

        DerivedEnvironments derived() {
            // a token is a secret: from the environment or the config file, never from argv
            return new DerivedEnvironments(new RegistryClient(
                    registryUrl, Settings.load().get("registry.token").orElse(null), Duration.ofSeconds(3)));
        }

        Environments environments() {
            List<EnvironmentSpec> derived = List.of();
            try {
                var records = derived().records(); // one request: specs and recorded images
                derived = DerivedEnvironments.specs(records, System.err::println);
                for (var r : records) {
                    if (r.image() != null) {
                        registryImages.put(r.name(), r.image());
                    }
                }
            } catch (RegistryException e) {
                if (e.status() != 0 || !RegistryClient.DEFAULT_URL.equals(registryUrl)) {
                    System.err.println("note: derived environments are not listed: the registry at " + registryUrl
                            + " answered: " + e.getMessage());
                }
            }
            return new Environments(EnvMain.home(), derived, debianBase);
        }
    }

    static Map<String, Object> summary(Environments environments, EnvironmentSpec env, Map<String, String> recorded) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", env.name());
        m.put("description", env.description());
        m.put("gpu", env.gpu());
        m.put("jdk", env.jdk());
        m.put("image", environments.built().reference(env.name(), "runtime").orElse(recorded.get(env.name())));
        m.put(
                "notebook_image",
                environments.built().reference(env.name(), "notebook").orElse(null));
        m.put("carries", env.carries().stream().sorted().map(Carry::yamlName).toList());
        m.put("from", env.from());
        m.put("source", env.source());
        m.put("labels", env.labels());
        return m;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the environments.")
    static final class ListCommand extends Common implements Callable<Integer> {
        @Option(names = "--json", description = "print a JSON array")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Environments environments = environments();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EnvironmentSpec env : environments.catalog().list()) {
                rows.add(summary(environments, environments.effective(env.name()), registryImages));
            }
            if (json) {
                System.out.println(JSON.writeValueAsString(rows));
                return 0;
            }
            System.out.printf("%-14s %-4s %-4s %-32s %s%n", "NAME", "JDK", "GPU", "IMAGE", "DESCRIPTION");
            for (Map<String, Object> r : rows) {
                Object image = r.get("image");
                System.out.printf(
                        "%-14s %-4s %-4s %-32s %s%n",
                        r.get("name"),
                        r.get("jdk"),
                        Boolean.TRUE.equals(r.get("gpu")) ? "yes" : "no",
                        image == null ? "(not built)" : image,
                        r.get("description"));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one environment.")
    static final class ShowCommand extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the environment")
        String name;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Option(
                names = "--dockerfile",
                paramLabel = "FLAVOR",
                description = "print the rendered Dockerfile of the runtime or notebook image instead (resolves the"
                        + " class path; base image names are placeholders)")
        String dockerfile;

        @Option(
                names = "--context",
                paramLabel = "DIR",
                description = "write the runtime image's build context (Dockerfile and files) to DIR, for docker build"
                        + " (use with --flavor; base images must exist: ./bighead env build makes them)")
        java.nio.file.Path context;

        @Option(
                names = "--flavor",
                paramLabel = "FLAVOR",
                defaultValue = "runtime",
                description = "with --context:" + " runtime or notebook (default: ${DEFAULT-VALUE})")
        String flavor;

        @Override
        public Integer call() throws Exception {
            Environments environments = environments();
            EnvironmentSpec env = environments.effective(name);
            if (context != null) {
                Flavor f = flavor(flavor);
                try (DockerEngine engine = DockerEngine.connect(EnvMain.home())) {
                    var spec = environments.render(engine, name, f, System.err::println);
                    org.bighead.environments.image.ContextTar.writeDirectory(spec, context);
                    System.out.println(spec.reference());
                }
                return 0;
            }
            if (dockerfile != null) {
                Flavor flavor = flavor(dockerfile);
                System.out.print(environments
                        .render(name, flavor, new ImageSpecs.Bases("bighead/jre:" + env.jdk(), "bighead/debian"))
                        .dockerfile());
                return 0;
            }
            Map<String, Object> m = summary(environments, env, registryImages);
            m.put("maven", env.maven());
            m.put("pip", env.pip());
            m.put("apt", env.apt());
            if (json) {
                System.out.println(JSON.writeValueAsString(m));
                return 0;
            }
            for (Map.Entry<String, Object> e : m.entrySet()) {
                System.out.printf("%-15s %s%n", e.getKey() + ":", e.getValue() == null ? "-" : e.getValue());
            }
            return 0;
        }
    }

    static Flavor flavor(String text) {
        return switch (text) {
            case "runtime" -> Flavor.RUNTIME;
            case "notebook" -> Flavor.NOTEBOOK;
            default ->
                throw new IllegalArgumentException("unknown flavour '" + text + "' (valid: runtime, notebook, all)");
        };
    }

    static List<Flavor> flavors(String text) {
        return text.equals("all") ? List.of(Flavor.RUNTIME, Flavor.NOTEBOOK) : List.of(flavor(text));
    }

    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = {
                "Build an environment's image on the Docker engine (progress per layer; the last line is the image"
                        + " reference). An unchanged environment is \"up to date\" without a rebuild.",
                "Flavours: runtime (serving and jobs: a jlinked JRE, FROM scratch), notebook (Debian, Python,"
                        + " JupyterLab, JupyterHub's single-user server and the Bighead kernel), all."
            })
    static final class BuildCommand extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the environment")
        String name;

        @Option(
                names = "--flavor",
                paramLabel = "FLAVOR",
                defaultValue = "runtime",
                description = "runtime," + " notebook or all (default: ${DEFAULT-VALUE})")
        String flavor;

        @Option(names = "--notebook", description = "same as --flavor notebook")
        boolean notebook;

        @Option(
                names = "--push",
                description = "push to the image registry (setting images.registry, else the one"
                        + " ./bighead engine start runs); the last line is then the pushed reference")
        boolean push;

        @Option(names = "--image-registry", paramLabel = "HOST:PORT", description = "the image registry for --push")
        @Setting("images.registry")
        String imageRegistry;

        @Option(names = "--json", description = "print a JSON array of the images instead of progress")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Environments environments = environments();
            environments.effective(name); // an unknown name fails before the engine is asked
            List<Flavor> wanted = notebook ? List.of(Flavor.NOTEBOOK) : flavors(flavor);
            PrintStream progress = json ? new PrintStream(new FileOutputStream(FileDescriptor.err), true) : System.out;
            try (DockerEngine engine = DockerEngine.connect(EnvMain.home())) {
                List<Environments.Built> built = environments.build(
                        engine, name, wanted, System.getProperty("user.name", "unknown"), progress::println);
                List<Map<String, Object>> out = new ArrayList<>();
                for (Environments.Built b : built) {
                    ImageBuilder.Result r = b.result();
                    String reference = r.reference();
                    if (push) {
                        reference = ImagePush.push(
                                engine,
                                r.reference(),
                                ImagePush.registry(imageRegistry, EnvMain.home()),
                                progress::println);
                    }
                    if (!json) {
                        progress.printf(
                                "%s %s: %.1f s, %,d MB%n",
                                r.upToDate() ? "found" : "built",
                                r.reference(),
                                r.millis() / 1000.0,
                                r.sizeBytes() / 1_000_000);
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("environment", name);
                    m.put("flavor", b.flavor().label());
                    m.put("image", reference);
                    m.put("image_id", r.imageId());
                    m.put("up_to_date", r.upToDate());
                    m.put("seconds", r.millis() / 1000.0);
                    m.put("size_bytes", r.sizeBytes());
                    m.put("spec_hash", b.specHash());
                    out.add(m);
                }
                if (json) {
                    System.out.println(JSON.writeValueAsString(out));
                } else {
                    System.out.println(out.get(out.size() - 1).get("image"));
                }
            }
            return 0;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run a command in a container of an environment's image (built first when needed), with"
                    + " the instance type's CPU and memory limits; its exit code is passed through.")
    static final class RunCommand extends Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "the environment")
        String name;

        @Parameters(index = "1..*", paramLabel = "CMD", description = "the command (after --)")
        List<String> command = new ArrayList<>();

        @Option(
                names = "--instance-type",
                paramLabel = "TYPE",
                description = "limits from this type (./bighead" + " hardware list); default: the whole host")
        String instanceType;

        @Option(
                names = "--flavor",
                paramLabel = "FLAVOR",
                defaultValue = "runtime",
                description = "runtime or" + " notebook (default: ${DEFAULT-VALUE})")
        String flavor;

        @Option(
                names = {"-e", "--env"},
                paramLabel = "KEY=VALUE",
                description = "an environment variable")
        Map<String, String> env = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            Environments environments = environments();
            environments.effective(name);
            Flavor f = flavor(flavor);
            InstanceType type =
                    instanceType == null ? null : HardwareCatalog.snapshot().require(instanceType);
            try (DockerEngine engine = DockerEngine.connect(EnvMain.home())) {
                LocalDockerCompute compute = new LocalDockerCompute(engine);
                if (type == null) {
                    var host = compute.host();
                    type = new InstanceType("host", host.cpus(), host.memoryBytes() / (1024 * 1024), 0, null, 0, null);
                }
                String image = environments
                        .built()
                        .reference(name, f.label())
                        .filter(engine::hasImage)
                        .orElse(null);
                if (image == null) {
                    PrintStream err = System.err;
                    image = environments
                            .build(engine, name, List.of(f), System.getProperty("user.name", "unknown"), err::println)
                            .get(0)
                            .result()
                            .reference();
                }
                LaunchSpec.Builder spec = LaunchSpec.builder(image, type)
                        .command(command)
                        .label("org.bighead.purpose", "env-run")
                        .label("org.bighead.environment", name);
                env.forEach(spec::env);
                return compute.run(
                        spec.build(),
                        new FileOutputStream(FileDescriptor.out),
                        new FileOutputStream(FileDescriptor.err));
            }
        }
    }
}
