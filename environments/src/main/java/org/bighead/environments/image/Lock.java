package org.bighead.environments.image;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The resolved class path of an environment, the key of its dependency layers: the same lock gives the same layers,
 * byte for byte.
 *
 * @param dependencies the team's part: Bighead's third-party jars and what the base environment carries
 * @param user what a derived environment adds ({@code env create --maven}), in a layer of its own
 * @param aligned one line per library asked for in another version than the environment carries: the carried
 *     version wins (Bighead's versions are the tested ones)
 */
public record Lock(List<Artifact> dependencies, List<Artifact> user, List<String> aligned) {
    public Lock {
        dependencies = sorted(dependencies);
        user = sorted(user);
        aligned = List.copyOf(aligned);
    }

    /** The lock as text, a line per jar: {@code coordinate sha256}; what {@link #hash()} digests. */
    public String text() {
        return lines("dependencies", dependencies) + lines("user", user);
    }

    public String hash() {
        return FileDigests.sha256(text());
    }

    private static String lines(String section, List<Artifact> artifacts) {
        return "[" + section + "]\n"
                + artifacts.stream()
                        .map(a -> a.coordinate() + " " + a.sha256() + "\n")
                        .collect(Collectors.joining());
    }

    private static List<Artifact> sorted(List<Artifact> artifacts) {
        return artifacts.stream()
                .sorted(Comparator.comparing(Artifact::coordinate))
                .toList();
    }
}
