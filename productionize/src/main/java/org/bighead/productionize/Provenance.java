package org.bighead.productionize;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a model was made, as the face of the export knows it: the notebook and the cells this session ran, who, the
 * environment and its image, the expression exported, and what the session added to the class path: the Maven
 * coordinates ({@code %maven}, recorded) and the jars themselves ({@code %maven}, {@code %jars}), which an endpoint
 * must carry for a stage that uses them.
 */
public record Provenance(
        String notebook,
        List<String> cells,
        String user,
        String environment,
        String environmentImage,
        String expression,
        List<String> dependencies,
        List<Path> classpath) {

    public Provenance {
        cells = cells == null ? List.of() : List.copyOf(cells);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
    }

    /** Nothing known but who: an export of a bundle file. */
    public static Provenance ofUser(String user) {
        return new Provenance(null, List.of(), user, null, null, null, List.of(), List.of());
    }
}
