package org.bighead.environments.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDKs on this machine an image's JRE can be jlinked from: {@code BIGHEAD_JDK_<N>_HOME}, {@code
 * BIGHEAD_JAVA_HOME}, {@code JAVA_HOME}, the running JDK, then {@code /usr/lib/jvm/*}.
 */
public final class Jdks {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)[^\"]*\"");

    private Jdks() {}

    /** A JDK home of feature version {@code major} with jlink, or an error naming those found. */
    public static Path require(int major) {
        return find(major)
                .orElseThrow(() -> new ImageBuildException("this environment needs JDK " + major
                        + " and none with jlink is on this machine (found: " + found()
                        + "): install one or set BIGHEAD_JDK_" + major + "_HOME"));
    }

    public static Optional<Path> find(int major) {
        for (Path home : candidates(major)) {
            if (Files.isExecutable(home.resolve("bin/jlink"))
                    && major(home).filter(m -> m == major).isPresent()) {
                return Optional.of(home);
            }
        }
        return Optional.empty();
    }

    /** The feature version in {@code home/release}. */
    public static Optional<Integer> major(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String found() {
        Set<Integer> majors = new TreeSet<>();
        for (Path home : candidates(0)) {
            if (Files.isExecutable(home.resolve("bin/jlink"))) {
                major(home).ifPresent(majors::add);
            }
        }
        return majors.isEmpty() ? "none" : majors.toString().replaceAll("[\\[\\]]", "");
    }

    private static List<Path> candidates(int major) {
        Set<Path> homes = new LinkedHashSet<>();
        for (String env : List.of("BIGHEAD_JDK_" + major + "_HOME", "BIGHEAD_JAVA_HOME", "JAVA_HOME")) {
            String value = System.getenv(env);
            if (value != null && !value.isBlank()) {
                homes.add(real(Path.of(value)));
            }
        }
        homes.add(real(Path.of(System.getProperty("java.home"))));
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvm)) {
                List<Path> sorted = new ArrayList<>();
                dirs.forEach(sorted::add);
                sorted.sort(null);
                sorted.forEach(p -> homes.add(real(p)));
            } catch (IOException e) {
                // nothing more to offer
            }
        }
        return new ArrayList<>(homes);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
