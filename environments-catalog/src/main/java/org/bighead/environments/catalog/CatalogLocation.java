package org.bighead.environments.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the team's catalog of environments is, for a process that is not {@code ./bighead} (a notebook kernel, the
 * hub): {@code $BIGHEAD_CATALOG} when set (an environment image sets it to {@value #IN_IMAGE}, where it carries the
 * catalog), else {@code environments/catalog} of the Bighead checkout named by {@code -Dbighead.root} when that
 * folder exists, else nowhere.
 */
public final class CatalogLocation {
    /** The variable that names the catalog's folder. */
    public static final String VARIABLE = "BIGHEAD_CATALOG";
    /** Where an environment image carries the catalog. */
    public static final String IN_IMAGE = "/opt/bighead/catalog";

    private CatalogLocation() {}

    /** The catalog's folder for this process: its environment and its {@code bighead.root} system property. */
    public static Optional<Path> find() {
        return find(System.getenv(), System.getProperty("bighead.root"));
    }

    /**
     * The catalog's folder: {@code env}'s {@value #VARIABLE} when set and not blank (whether or not it exists, so
     * that a wrong value is reported where it is read), else {@code bigheadRoot/environments/catalog} when it is a
     * folder, else empty.
     *
     * @param bigheadRoot the Bighead checkout, or {@code null}
     */
    public static Optional<Path> find(Map<String, String> env, String bigheadRoot) {
        String named = env.get(VARIABLE);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named.strip()));
        }
        if (bigheadRoot != null && !bigheadRoot.isBlank()) {
            Path inCheckout = Path.of(bigheadRoot).resolve("environments").resolve("catalog");
            if (Files.isDirectory(inCheckout)) {
                return Optional.of(inCheckout);
            }
        }
        return Optional.empty();
    }
}
