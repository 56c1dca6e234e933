package org.bighead.magics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bighead.environments.catalog.Catalog;
import org.bighead.environments.catalog.CatalogException;
import org.bighead.environments.catalog.CatalogLocation;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.registry.client.EnvironmentRecord;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code %bighead env} (or {@code env show}): this notebook's environment and hardware and what the kernel sees of
 * them ({@link NotebookEnvironment}).
 *
 * <p>{@code %bighead env create NAME}: an environment derived from the one this notebook runs in (its image says which:
 * {@code BIGHEAD_ENVIRONMENT}) plus the Maven coordinates this session added with {@code %maven}, so that serving and
 * the jobs get the notebook's class path. On a workstation (the kernel started from a Bighead checkout) it runs
 * {@code ./bighead env create}, which resolves, records and builds; inside an environment's image it records the
 * environment in the registry, for {@code ./bighead env build NAME} where an engine is.
 */
@Command(
        name = "env",
        description = {
            "Show this notebook's environment and hardware, or derive one: %%bighead env create NAME",
            "%%bighead env (or env show): the environment, instance type, image and back end this notebook was"
                    + " started with, and the JDK, CPUs, memory and GPUs the kernel sees.",
            "%%bighead env create NAME [--from BASE] [--maven G:A:V]... [--pip PKG==V]... [--apt PKG]... derives an"
                    + " environment from this notebook's with its %%maven jars, records it in the registry and builds"
                    + " it; %%bighead env list lists the derived ones."
        })
final class EnvSubcommand implements PicocliSubcommand.Action {
    private static final Pattern MAVEN_LINE = Pattern.compile("^\\s*%maven\\s+(.+)$", Pattern.MULTILINE);

    private final Map<String, String> env;
    private final Path home;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "show (the default), create or list")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "the new environment (create)")
    String name;

    @Option(names = "--from", paramLabel = "BASE", description = "default: this notebook's environment, else cpu")
    String from;

    @Option(names = "--maven", paramLabel = "G:A:V", description = "more coordinates besides this session's %%maven")
    List<String> maven = new ArrayList<>();

    @Option(names = "--pip", paramLabel = "PKG==V", description = "a pinned package for the notebook server")
    List<String> pip = new ArrayList<>();

    @Option(names = "--apt", paramLabel = "PKG", description = "a Debian package for the notebook image")
    List<String> apt = new ArrayList<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "what it is for")
    String description;

    @Option(names = "--no-build", description = "only record it in the registry")
    boolean noBuild;

    /**
     * @param home the Bighead checkout the kernel runs from ({@code -Dbighead.root}), or {@code null} inside an image
     */
    EnvSubcommand(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    @Override
    public Object call(MagicContext context) throws Exception {
        if (action == null || action.equals("show")) {
            if (name != null) {
                throw new MagicException("%bighead env show takes no NAME: it shows this notebook's environment");
            }
            return show();
        }
        RegistryClient client = new RegistryAccess(env).client(context.config());
        if (action.equals("list")) {
            List<EnvironmentRecord> records;
            try {
                records = client.environments();
            } catch (RegistryException e) {
                throw RegistryAccess.failure("listing environments", client, e);
            }
            StringBuilder text = new StringBuilder();
            for (EnvironmentRecord r : records) {
                text.append(String.format(
                        "%-20s from %-12s %s%n", r.name(), r.from(), r.image() == null ? "(not built)" : r.image()));
            }
            return text.isEmpty() ? "no derived environments in the registry at " + client.url() : text.toString();
        }
        if (!action.equals("create")) {
            throw new MagicException(
                    "unknown action '" + action + "': %bighead env, %bighead env create NAME, %bighead env list");
        }
        if (name == null) {
            throw new MagicException("%bighead env create needs a NAME, e.g. %bighead env create churn-nlp");
        }
        String base = from != null ? from : env.getOrDefault("BIGHEAD_ENVIRONMENT", "cpu");
        Set<String> coordinates = new LinkedHashSet<>(sessionMaven(context.sessionCells()));
        coordinates.addAll(maven);
        context.out()
                .println("deriving " + name + " from " + base + " with " + coordinates.size()
                        + " Maven coordinate(s) of this session" + (coordinates.isEmpty() ? "" : ": " + coordinates));
        if (home != null && Files.isExecutable(home.resolve("bighead"))) {
            return runCli(context, client, base, coordinates);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("description", description == null ? "" : description);
        spec.put("from", base);
        spec.put("maven", List.copyOf(coordinates));
        spec.put("pip", pip);
        spec.put("apt", apt);
        try {
            EnvironmentRecord r = client.createEnvironment(name, base, description, spec);
            return "recorded " + r.name() + " (from " + r.from() + ") in the registry at " + client.url()
                    + "; build it where a Docker engine is: ./bighead env build " + r.name();
        } catch (RegistryException e) {
            throw RegistryAccess.failure("recording environment " + name, client, e);
        }
    }

    /** This notebook's environment and hardware, and what the kernel sees. */
    private Shown show() {
        return NotebookEnvironment.of(env, HardwareCatalog.snapshot(), catalog(), KernelProbe.probe(env));
    }

    /** The team's catalog, where {@link CatalogLocation} finds it (in an image: {@code BIGHEAD_CATALOG}). */
    private NotebookEnvironment.CatalogFound catalog() {
        Optional<Path> dir = CatalogLocation.find(env, home == null ? null : home.toString());
        if (dir.isEmpty()) {
            return NotebookEnvironment.CatalogFound.NONE;
        }
        try {
            return new NotebookEnvironment.CatalogFound(dir.get(), Catalog.read(dir.get()), null);
        } catch (CatalogException e) {
            return new NotebookEnvironment.CatalogFound(dir.get(), null, e.getMessage());
        }
    }

    /** The coordinates of the {@code %maven} lines among the cells this session ran successfully. */
    static List<String> sessionMaven(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String cell : cells) {
            var m = MAVEN_LINE.matcher(cell);
            while (m.find()) {
                for (String c : Args.split(m.group(1))) {
                    if (!c.startsWith("-") && !out.contains(c)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    private Object runCli(MagicContext context, RegistryClient client, String base, Set<String> coordinates)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(home.resolve("bighead").toString(), "env", "create", name, "--from", base));
        coordinates.forEach(c -> command.addAll(List.of("--maven", c)));
        pip.forEach(p -> command.addAll(List.of("--pip", p)));
        apt.forEach(a -> command.addAll(List.of("--apt", a)));
        if (description != null) {
            command.addAll(List.of("--description", description));
        }
        if (noBuild) {
            command.add("--no-build");
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("BIGHEAD_REGISTRY_URL", client.url());
        new RegistryAccess(env)
                .token(context.config())
                .ifPresent(t -> pb.environment().put("BIGHEAD_REGISTRY_TOKEN", t));
        Process p = pb.start();
        String last = "";
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                context.out().println(line);
                last = line;
            }
        }
        if (p.waitFor() != 0) {
            throw new MagicException(
                    "%bighead env create " + name + " failed: " + last.replaceFirst("^bighead env" + " create: ", ""));
        }
        return null;
    }
}
