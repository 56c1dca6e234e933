package org.bighead.productionize;

import java.util.List;

/**
 * Where a model was made, as the face of the export knows it: the notebook and the cells this session ran, who, the
 * environment and its image, the expression exported, and the Maven coordinates the session added ({@code %maven}),
 * which the serving environment must carry.
 */
public record Provenance(
        String notebook,
        List<String> cells,
        String user,
        String environment,
        String environmentImage,
        String expression,
        List<String> dependencies) {

    public Provenance {
        cells = cells == null ? List.of() : List.copyOf(cells);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** Nothing known but who: an export of a bundle file. */
    public static Provenance ofUser(String user) {
        return new Provenance(null, List.of(), user, null, null, null, List.of());
    }
}
