package org.bighead.environments.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One environment as its catalog entry (or a user's derived environment) declares it: what the notebook, the serving
 * runtime and the scheduled jobs of a model share. Validated on construction by {@link CatalogReader}; the image it
 * becomes is rendered by {@code ImageSpecs} once its Maven coordinates are resolved.
 *
 * @param from the environment this one derives from ({@code env create NAME --from BASE}), or {@code null} for a
 *     base environment of the team's catalog
 * @param jdk 17, 21 or 25; 0 in a derived environment means the one of what it derives from
 * @param maven extra Maven coordinates {@code g:a:v} (or {@code g:a:ext:classifier:v}) on the class path
 * @param pip extra Python packages for the notebook server ({@code name==version})
 * @param apt extra Debian packages for the notebook image
 * @param source where it was declared: a catalog file, or "registry" for a derived environment
 */
public record EnvironmentSpec(
        String name,
        String description,
        String from,
        int jdk,
        Set<Carry> carries,
        List<String> maven,
        List<String> pip,
        List<String> apt,
        boolean gpu,
        Map<String, String> labels,
        String source) {

    public static final Set<Integer> JDKS = Set.of(17, 21, 25);

    public EnvironmentSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        // ordered, so that every rendering of a spec gives the same bytes (Set.copyOf and Map.copyOf iterate in a
        // different order in every JVM, which would change an image's content-addressed tag)
        carries = carries.isEmpty()
                ? java.util.Collections.emptySet()
                : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(carries));
        maven = List.copyOf(maven);
        pip = List.copyOf(pip);
        apt = List.copyOf(apt);
        labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
    }
}
