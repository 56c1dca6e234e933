package org.bighead.magics;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Adds paths to the kernel's class path and says what was added and what was already there. */
final class Classpaths {
    private Classpaths() {}

    /** Adds {@code paths} (duplicates dropped) and prints "Added 2 jars: ..." and "Already on the class path: ...". */
    static void add(MagicContext context, List<Path> paths) {
        Set<Path> requested = new LinkedHashSet<>();
        paths.forEach(p -> requested.add(p.toAbsolutePath().normalize()));
        if (requested.isEmpty()) {
            context.out().println("Nothing to add to the class path.");
            return;
        }
        List<Path> added = context.addToClasspath(List.copyOf(requested));
        Set<Path> addedSet = new HashSet<>();
        added.forEach(p -> addedSet.add(p.toAbsolutePath().normalize()));
        List<Path> already =
                requested.stream().filter(p -> !addedSet.contains(p)).toList();
        if (!added.isEmpty()) {
            context.out().println("Added " + count(added) + ": " + names(added));
        }
        if (!already.isEmpty()) {
            context.out().println("Already on the class path: " + names(already));
        }
    }

    /** "1 jar", "3 jars", or "2 class path entries" when folders are among them. */
    static String count(List<Path> paths) {
        boolean jars = paths.stream().allMatch(Classpaths::isJar);
        int n = paths.size();
        return n + (jars ? (n == 1 ? " jar" : " jars") : (n == 1 ? " class path entry" : " class path entries"));
    }

    static boolean isJar(Path path) {
        return path.getFileName() != null
                && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static String names(List<Path> paths) {
        return paths.stream()
                .map(p ->
                        p.getFileName() == null ? p.toString() : p.getFileName().toString())
                .collect(Collectors.joining(", "));
    }
}
