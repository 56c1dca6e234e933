package org.bighead.environments.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The environments a user can pick: the team's base environments from the repository's catalog
 * ({@code environments/catalog/*.yaml}) and the derived ones users made with {@code env create} (kept by the
 * registry), base ones first.
 */
public final class Catalog {
    private final List<EnvironmentSpec> environments;

    public Catalog(List<EnvironmentSpec> environments) {
        this.environments = List.copyOf(environments);
    }

    /** The team's catalog in {@code home/environments/catalog}. */
    public static Catalog load(Path home) {
        return read(home.resolve("environments").resolve("catalog"));
    }

    /** The catalog in the folder {@code dir} (its {@code *.yaml} files), e.g. where {@link CatalogLocation} says. */
    public static Catalog read(Path dir) {
        return new Catalog(CatalogReader.readDirectory(dir));
    }

    /** This catalog with {@code derived} after the base environments (a derived name never hides a base one). */
    public Catalog with(List<EnvironmentSpec> derived) {
        List<EnvironmentSpec> all = new ArrayList<>(environments);
        for (EnvironmentSpec spec : derived) {
            if (find(spec.name()).isEmpty()) {
                all.add(spec);
            }
        }
        return new Catalog(all);
    }

    public List<EnvironmentSpec> list() {
        return environments;
    }

    public Optional<EnvironmentSpec> find(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The environment called {@code name}, or an error listing the valid names. */
    public EnvironmentSpec require(String name) {
        return find(name)
                .orElseThrow(() -> new CatalogException("unknown environment '" + name + "' (valid: "
                        + environments.stream().map(EnvironmentSpec::name).collect(Collectors.joining(", "))
                        + ")"));
    }
}
