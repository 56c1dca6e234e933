package org.bighead.environments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.environments.catalog.Carry;
import org.bighead.environments.catalog.CatalogException;
import org.bighead.environments.catalog.CatalogReader;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.registry.client.EnvironmentRecord;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;

/**
 * Environments users derived ({@code env create NAME --from BASE}), kept by the registry — the "customization
 * service that faces our users": who made one, from what, its spec, and the image once built.
 */
public final class DerivedEnvironments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;

    public DerivedEnvironments(RegistryClient registry) {
        this.registry = registry;
    }

    /** The registry's records of derived environments. */
    public List<EnvironmentRecord> records() {
        return registry.environments();
    }

    /** {@code records} as specs; a record whose spec no longer validates is left out with a note. */
    public static List<EnvironmentSpec> specs(
            List<EnvironmentRecord> records, java.util.function.Consumer<String> notes) {
        List<EnvironmentSpec> specs = new ArrayList<>();
        for (EnvironmentRecord r : records) {
            try {
                specs.add(toSpec(r));
            } catch (CatalogException e) {
                notes.accept("note: skipping environment " + r.name() + " from the registry: " + e.getMessage());
            }
        }
        return specs;
    }

    static EnvironmentSpec toSpec(EnvironmentRecord r) {
        return CatalogReader.fromTree(JSON.valueToTree(r.spec()), "registry environment " + r.name(), "registry");
    }

    /** The JSON the registry keeps: the additions, with the base's JDK, carries and GPU flag for readers. */
    public static Map<String, Object> toJson(EnvironmentSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("description", spec.description());
        m.put("from", spec.from());
        m.put("jdk", spec.jdk());
        m.put("carries", spec.carries().stream().sorted().map(Carry::yamlName).toList());
        m.put("maven", spec.maven());
        m.put("pip", spec.pip());
        m.put("apt", spec.apt());
        m.put("gpu", spec.gpu());
        m.put("labels", spec.labels());
        return m;
    }

    public EnvironmentRecord create(EnvironmentSpec spec) {
        return registry.createEnvironment(spec.name(), spec.from(), spec.description(), toJson(spec));
    }

    public EnvironmentRecord recordImage(String name, String image, String digest, String specHash, String version) {
        return registry.recordEnvironmentImage(name, image, digest, specHash, version);
    }

    /** Removes {@code name}; quietly does nothing when it is already gone. */
    public void deleteQuietly(String name) {
        try {
            registry.deleteEnvironment(name);
        } catch (RegistryException e) {
            // gone already, or the registry went away: nothing more to undo
        }
    }
}
