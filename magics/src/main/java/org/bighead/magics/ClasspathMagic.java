package org.bighead.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code %classpath PATH...}: adds jars and class folders (globs, {@code ~}); alone, lists what was added. */
final class ClasspathMagic implements LineMagic {
    static final String USAGE = """
            Usage: %classpath [PATH...]
            Adds jar files and class folders to the class path. A PATH may be a glob (lib/*.jar, lib/**/*.jar)
            and may start with ~; relative paths start at the kernel's working folder.
            Without a PATH, lists what was added so far.
            """;

    private final Path workingDir;
    private final Path home;

    /** Resolves relative paths against {@code workingDir} and {@code ~} to {@code home}. */
    ClasspathMagic(Path workingDir, Path home) {
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
            list(context);
            return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String word : words) {
            if (word.startsWith("-")) {
                throw new MagicException("%classpath has no option " + word + "\n\n" + USAGE);
            }
            paths.addAll(PathArgs.expand(word, workingDir, home));
        }
        Classpaths.add(context, paths);
        return null;
    }

    private static void list(MagicContext context) {
        Set<Path> added = context.addedClasspath();
        if (added.isEmpty()) {
            context.out()
                    .println("Nothing added to the class path yet (add with %classpath PATH, %jars GLOB"
                            + " or %maven COORDINATE).");
            return;
        }
        context.out().println("Added to the class path (" + Classpaths.count(List.copyOf(added)) + "):");
        added.forEach(p -> context.out().println("  " + p));
    }
}
