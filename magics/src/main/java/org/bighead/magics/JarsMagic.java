package org.bighead.magics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code %jars GLOB...}: adds the .jar files that globs match or that folders hold; each must find one. */
final class JarsMagic implements LineMagic {
    static final String USAGE = """
            Usage: %jars GLOB_OR_FOLDER [GLOB_OR_FOLDER...]
            Adds .jar files to the class path: those a glob matches (lib/*.jar, ~/jars/**/*.jar), or those
            directly inside a folder (lib). Other files are skipped; each argument must find at least one jar.
            """;

    private final Path workingDir;
    private final Path home;

    /** Resolves relative paths against {@code workingDir} and {@code ~} to {@code home}. */
    JarsMagic(Path workingDir, Path home) {
        this.workingDir = workingDir;
        this.home = home;
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (Args.wantsHelp(args)) {
            context.out().print(USAGE);
            return null;
        }
        List<String> words = Args.split(args);
        if (words.isEmpty()) {
            throw new MagicException("%jars needs a glob or a folder, e.g. %jars lib/*.jar\n\n" + USAGE);
        }
        List<Path> jars = new ArrayList<>();
        for (String word : words) {
            if (word.startsWith("-")) {
                throw new MagicException("%jars has no option " + word + "\n\n" + USAGE);
            }
            boolean glob = PathArgs.isGlob(word);
            List<Path> expanded = PathArgs.expand(word, workingDir, home);
            List<Path> found = new ArrayList<>();
            for (Path path : expanded) {
                if (Files.isDirectory(path) && !glob) {
                    found.addAll(jarsIn(path));
                } else if (Files.isRegularFile(path) && Classpaths.isJar(path)) {
                    found.add(path);
                } else if (!glob) {
                    throw new MagicException("%jars " + word + ": not a .jar file (%classpath adds other paths)");
                }
            }
            if (found.isEmpty()) {
                throw new MagicException("%jars " + word + ": no .jar file "
                        + (glob
                                ? "among the " + expanded.size() + " paths the glob matches"
                                : "in the folder " + expanded.get(0)));
            }
            jars.addAll(found);
        }
        Classpaths.add(context, jars);
        return null;
    }

    private static List<Path> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> Files.isRegularFile(p) && Classpaths.isJar(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
