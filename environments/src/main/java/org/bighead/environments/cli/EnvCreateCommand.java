package org.bighead.environments.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.environments.DerivedEnvironments;
import org.bighead.environments.Environments;
import org.bighead.environments.catalog.CatalogException;
import org.bighead.environments.catalog.CatalogReader;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.image.ImageSpecs.Flavor;
import org.bighead.registry.client.EnvironmentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bighead env create NAME --from BASE [--maven G:A:V]… [--pip PKG==V]… [--apt PKG]…}: a derived environment,
 * kept by the registry (who made it, from what, its spec, its image once built), then built. Its class path is
 * resolved first: a coordinate that does not resolve, or asks for another version of a library the base carries, is
 * refused before anything is written or built. A failed build removes the registry entry again.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Derive an environment from another: extra Maven coordinates (class path), pip packages and apt"
                + " packages (notebook image). Kept by the registry, listed beside the team's environments, built.")
final class EnvCreateCommand extends EnvCommand.Common implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "the new environment's name (lowercase letters, digits, '-')")
    String name;

    @Option(names = "--from", required = true, paramLabel = "BASE", description = "the environment it derives from")
    String from;

    @Option(names = "--maven", paramLabel = "G:A:V", description = "a Maven coordinate to add (repeatable)")
    List<String> maven = new ArrayList<>();

    @Option(names = "--pip", paramLabel = "PKG==V", description = "a pinned Python package for the notebook server")
    List<String> pip = new ArrayList<>();

    @Option(names = "--apt", paramLabel = "PKG", description = "a Debian package for the notebook image")
    List<String> apt = new ArrayList<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "what it is for")
    String description;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "a label (repeatable)")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--no-build", description = "only record it; build later with ./bighead env build NAME")
    boolean noBuild;

    @Option(
            names = "--flavor",
            paramLabel = "FLAVOR",
            defaultValue = "runtime",
            description = "what to build:" + " runtime, notebook or all (default: ${DEFAULT-VALUE})")
    String flavor;

    @Option(names = "--json", description = "print the registry's record as JSON at the end")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Flavor> flavors = EnvCommand.flavors(flavor);
        Environments environments = environments();
        if (environments.catalog().find(name).isPresent()) {
            throw new CatalogException("environment '" + name + "' already exists ("
                    + environments.catalog().require(name).source() + "): pick another name");
        }
        EnvironmentSpec base = environments.effective(from);
        EnvironmentSpec draft = new EnvironmentSpec(
                name, description, from, base.jdk(), base.carries(), maven, pip, apt, base.gpu(), labels, "registry");
        // the same schema as the team's catalog, with errors naming the option
        EnvironmentSpec spec = CatalogReader.fromTree(
                EnvCommand.JSON.valueToTree(DerivedEnvironments.toJson(draft)), "env create " + name, "registry");
        List<EnvironmentSpec> derived = new ArrayList<>();
        environments.catalog().list().stream().filter(e -> e.from() != null).forEach(derived::add);
        derived.add(spec);
        Environments withNew = new Environments(EnvMain.home(), derived, debianBase);
        var bighead = withNew.distribution();
        var lock = withNew.lock(name, bighead); // refuses what does not resolve, before anything is written
        System.out.println("resolved " + name + ": " + lock.dependencies().size() + " dependency jars, "
                + lock.user().size() + " of its own"
                + (lock.aligned().isEmpty() ? "" : ", " + lock.aligned().size() + " aligned to the carried versions"));

        DerivedEnvironments registry = derived();
        EnvironmentRecord record = registry.create(spec);
        System.out.println("recorded " + name + " (from " + from + ") in the registry at " + registryUrl + ", by "
                + record.createdBy());
        if (!noBuild) {
            List<Environments.Built> built;
            try (DockerEngine engine = DockerEngine.connect(EnvMain.home())) {
                built = withNew.build(engine, name, flavors, record.createdBy(), System.out::println);
            } catch (RuntimeException e) {
                registry.deleteQuietly(name); // nothing is left of a create whose build failed
                throw e;
            }
            Environments.Built image = built.get(0);
            record = registry.recordImage(
                    name, image.result().reference(), image.result().imageId(), image.specHash(), bighead.version());
            System.out.println(built.get(built.size() - 1).result().reference());
        }
        if (json) {
            System.out.println(EnvCommand.JSON.writeValueAsString(record));
        }
        return 0;
    }
}
