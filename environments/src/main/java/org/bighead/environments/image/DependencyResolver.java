package org.bighead.environments.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.environments.catalog.Carry;
import org.bighead.environments.catalog.CatalogException;
import org.bighead.resolver.MavenResolve;

/**
 * Resolves what an environment carries into a {@link Lock}. Bighead's own third-party jars come as Maven built them;
 * carried libraries and extra coordinates are resolved with Maven's resolver (the kernel's, {@code bighead-resolver}),
 * downloading what the local repository lacks. Refuses, before any build, a coordinate that does not resolve (with the
 * resolver's reason) and a coordinate that asks for another version of a library the environment already carries.
 */
public final class DependencyResolver {
    /** The Maven coordinates a carried library adds; XGBoost and DJL's CPU natives are in Bighead's own class path. */
    static final Map<Carry, List<String>> CARRIED =
            Map.of(Carry.SPARK, List.of("org.apache.spark:spark-sql_2.13:4.2.0")); // the parent pom's spark.version
    /** DJL's CPU natives: in Bighead's class path, dropped where an environment does not carry them. */
    static final String PYTORCH_CPU_NATIVES = "ai.djl.pytorch:pytorch-native-cpu:";

    private final FileDigests digests;
    private final Map<String, String> options;

    public DependencyResolver(FileDigests digests, Map<String, String> resolverOptions) {
        this.digests = digests;
        this.options = Map.copyOf(resolverOptions);
    }

    /**
     * The lock of an environment: Bighead's jars, what the base carries, what a derived environment adds.
     *
     * @param carries what the base environment carries
     * @param teamMaven the base environment's extra coordinates (dependencies layer)
     * @param userMaven coordinates a derived environment adds (user layer)
     */
    public Lock resolve(Distribution bighead, Set<Carry> carries, List<String> teamMaven, List<String> userMaven) {
        Set<Carry> carried = carries.isEmpty() ? EnumSet.noneOf(Carry.class) : EnumSet.copyOf(carries);
        Map<String, Artifact> byKey = new LinkedHashMap<>();
        for (Artifact a : bighead.dependencies()) {
            if (a.coordinate().startsWith(PYTORCH_CPU_NATIVES) && !carried.contains(Carry.DJL_PYTORCH_CPU)) {
                continue;
            }
            byKey.put(a.key(), a);
        }
        List<String> aligned = new ArrayList<>();
        List<String> team = new ArrayList<>();
        for (Carry carry : carried) {
            team.addAll(CARRIED.getOrDefault(carry, List.of()));
        }
        team.addAll(teamMaven);
        List<Artifact> dependencies = new ArrayList<>(byKey.values());
        for (Artifact a : resolveAll(team)) {
            Artifact carriedOne = byKey.get(a.key());
            if (carriedOne == null) {
                byKey.put(a.key(), a);
                dependencies.add(a);
            } else if (!carriedOne.version().equals(a.version())) {
                aligned.add(a.key() + ": " + a.version() + " asked for, " + carriedOne.version() + " carried");
            }
        }
        List<Artifact> user = new ArrayList<>();
        if (!userMaven.isEmpty()) {
            for (String coordinate : userMaven) {
                String key = keyOf(coordinate);
                Artifact carriedOne = byKey.get(key);
                if (carriedOne != null && !carriedOne.version().equals(versionOf(coordinate))) {
                    throw new CatalogException("version conflict: " + coordinate + " asked for, but the environment"
                            + " carries " + carriedOne.coordinate() + "; ask for version " + carriedOne.version()
                            + " or leave it out");
                }
            }
            for (Artifact a : resolveAll(userMaven)) {
                Artifact carriedOne = byKey.get(a.key());
                if (carriedOne == null) {
                    byKey.put(a.key(), a);
                    user.add(a);
                } else if (!carriedOne.version().equals(a.version())) {
                    aligned.add(a.key() + ": " + a.version() + " asked for, " + carriedOne.version() + " carried");
                }
            }
        }
        digests.save();
        return new Lock(dependencies, user, aligned);
    }

    private List<Artifact> resolveAll(List<String> coordinates) {
        if (coordinates.isEmpty()) {
            return List.of();
        }
        List<String> files;
        try {
            files = MavenResolve.resolve(coordinates, options);
        } catch (IllegalArgumentException e) {
            throw new CatalogException("the environment's Maven coordinates do not resolve: " + e.getMessage());
        }
        Path repo = Coordinates.defaultLocalRepository();
        List<Artifact> out = new ArrayList<>();
        for (String file : files) {
            Path path = Path.of(file);
            if (file.endsWith(".jar")) {
                out.add(Distribution.artifact(Coordinates.of(path, repo), path, digests));
            }
        }
        return out;
    }

    /** {@code g:a[:classifier]} of a coordinate {@code g:a:v}, {@code g:a:ext:v} or {@code g:a:ext:cls:v}. */
    static String keyOf(String coordinate) {
        String[] p = coordinate.split(":");
        return switch (p.length) {
            case 5 -> p[0] + ":" + p[1] + ":" + p[3];
            case 3, 4 -> p[0] + ":" + p[1];
            default -> coordinate; // malformed: the resolver says what is wrong with it
        };
    }

    static String versionOf(String coordinate) {
        return coordinate.substring(coordinate.lastIndexOf(':') + 1);
    }
}
