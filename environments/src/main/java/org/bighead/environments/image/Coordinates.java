package org.bighead.environments.image;

import java.nio.file.Path;

/** Maven coordinates read back from a file's place in a local repository ({@code g/r/o/u/p/a/v/a-v[-c].jar}). */
final class Coordinates {
    private Coordinates() {}

    /** {@code g:a[:classifier]:v} of {@code jar} under {@code localRepository}, or {@code file:NAME} elsewhere. */
    static String of(Path jar, Path localRepository) {
        Path abs = jar.toAbsolutePath().normalize();
        Path repo = localRepository.toAbsolutePath().normalize();
        Path versionDir = abs.getParent();
        if (!abs.startsWith(repo)) {
            // another local repository (settings.xml, -Dmaven.repo.local): Maven's layout still names its root
            String text = abs.toString();
            int at = text.lastIndexOf("/repository/");
            if (at >= 0) {
                repo = Path.of(text.substring(0, at + "/repository".length()));
            }
        }
        if (!abs.startsWith(repo) || versionDir == null || versionDir.getParent() == null) {
            return "file:" + abs.getFileName();
        }
        String version = versionDir.getFileName().toString();
        Path artifactDir = versionDir.getParent();
        String artifact = artifactDir.getFileName().toString();
        Path groupPath = repo.relativize(artifactDir.getParent());
        String group = groupPath.toString().replace(java.io.File.separatorChar, '.');
        String name = abs.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        String prefix = artifact + "-" + version;
        String classifier = stem.startsWith(prefix + "-") ? stem.substring(prefix.length() + 1) : "";
        return group + ":" + artifact + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }

    static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
