package org.bighead.magics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Paths typed in a magic: {@code ~} is the home folder, relative paths start at the working folder, and a word
 * with {@code *}, {@code ?}, {@code [} or <code>&#123;</code> is a glob ({@code lib/*.jar}; {@code **} crosses
 * folders) expanded in sorted order.
 */
final class PathArgs {
    private PathArgs() {}

    /** True when the word is a glob pattern. */
    static boolean isGlob(String word) {
        return word.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** {@code ~} and {@code ~/x} expanded to the home folder; other words unchanged. */
    static String expandHome(String word, Path home) {
        if (word.equals("~")) {
            return home.toString();
        }
        return word.startsWith("~/") ? home.resolve(word.substring(2)).toString() : word;
    }

    /**
     * The existing absolute paths a word names: itself, or what its glob matches.
     *
     * @throws MagicException naming the word when the path does not exist or the glob matches nothing
     */
    static List<Path> expand(String word, Path workingDir, Path home) {
        String expanded = expandHome(word, home);
        if (!isGlob(expanded)) {
            Path path = workingDir.resolve(expanded).normalize();
            if (!Files.exists(path)) {
                throw new MagicException(
                        "no such file or folder: " + word + (path.toString().equals(word) ? "" : " (" + path + ")"));
            }
            return List.of(path);
        }
        String[] segments = expanded.split("/", -1);
        int firstGlob = 0;
        while (!isGlob(segments[firstGlob])) {
            firstGlob++;
        }
        String fixed = String.join("/", Arrays.copyOfRange(segments, 0, firstGlob));
        Path root = workingDir
                .resolve(fixed.isEmpty() && expanded.startsWith("/") ? "/" : fixed)
                .normalize();
        String[] pattern = Arrays.copyOfRange(segments, firstGlob, segments.length);
        List<Path> matches =
                matches(root, String.join("/", pattern), expanded.contains("**") ? Integer.MAX_VALUE : pattern.length);
        if (matches.isEmpty()) {
            throw new MagicException("'" + word + "' matches nothing"
                    + (Files.isDirectory(root) ? " in " + root : ": there is no folder " + root));
        }
        return matches;
    }

    private static List<Path> matches(Path root, String glob, int depth) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(p -> !p.equals(root) && matcher.matches(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
