package org.bighead.kernel.jshell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An exception's stack as a person reads it in a notebook: the cell lines it passed through first, then one line per
 * library it went through ("… 12 frames in tech.tablesaw"), then each cause the same way. The kernel's and JShell's
 * own frames (the wrapper that runs a cell, reflection) are left out: they are the same for every cell.
 */
final class ReadableStack {
    /** One exception of a chain: its class, message, frames (innermost first) and cause. */
    record Thrown(String className, String message, StackTraceElement[] frames, Thrown cause) {}

    // the machinery that runs a cell: never what a person is looking for
    private static final List<String> HIDDEN = List.of(
            "org.bighead.kernel.",
            "jdk.jshell.",
            "jdk.internal.reflect.",
            "java.lang.reflect.",
            "java.lang.invoke.",
            "sun.reflect.",
            "java.lang.Thread.run");
    // organisations whose libraries are told apart by the third part of the name (org.apache.spark, org.bighead.x)
    private static final Set<String> ORGANISATIONS =
            Set.of("apache", "google", "fasterxml", "eclipse", "bighead", "jetbrains", "amazon", "amazonaws", "sun");

    private ReadableStack() {}

    /**
     * The lines under the exception's own "Class: message" line. {@code cellFrame} reads a frame of cell code
     * ("line 3: code"), or is empty for any other frame.
     */
    static List<String> lines(Thrown thrown, Function<StackTraceElement, Optional<String>> cellFrame) {
        List<String> lines = new ArrayList<>(frames(thrown.frames(), new StackTraceElement[0], cellFrame));
        StackTraceElement[] enclosing = thrown.frames();
        for (Thrown cause = thrown.cause(); cause != null; cause = cause.cause()) {
            lines.add("Caused by: " + cause.className() + (cause.message() == null ? "" : ": " + cause.message()));
            lines.addAll(frames(cause.frames(), enclosing, cellFrame));
            enclosing = cause.frames();
        }
        return lines;
    }

    /**
     * Every frame JShell reports, as Java prints a stack trace ("at …", "Caused by: …", "... n more"), cell frames
     * still read as cell lines: for when a collapsed library line hides what is needed (a bug inside a library).
     */
    static List<String> full(Thrown thrown, Function<StackTraceElement, Optional<String>> cellFrame) {
        List<String> lines = new ArrayList<>();
        StackTraceElement[] enclosing = new StackTraceElement[0];
        boolean cause = false; // the first exception's own line is the caller's to write
        for (Thrown t = thrown; t != null; t = t.cause(), cause = true) {
            if (cause) {
                lines.add("Caused by: " + t.className() + (t.message() == null ? "" : ": " + t.message()));
            }
            int shared = sharedTail(t.frames(), enclosing);
            for (int i = 0; i < t.frames().length - shared; i++) {
                StackTraceElement frame = t.frames()[i];
                lines.add("    at " + cellFrame.apply(frame).orElseGet(frame::toString));
            }
            if (shared > 0) {
                lines.add("    ... " + shared + " more");
            }
            enclosing = t.frames();
        }
        return lines;
    }

    private static List<String> frames(
            StackTraceElement[] all,
            StackTraceElement[] enclosing,
            Function<StackTraceElement, Optional<String>> cellFrame) {
        StackTraceElement[] own = Arrays.copyOf(all, all.length - sharedTail(all, enclosing)); // as Java's "… n more"
        List<String> cells = new ArrayList<>();
        List<String> libraries = new ArrayList<>();
        String library = null;
        int count = 0;
        StackTraceElement entry = null; // the library frame nearest the code that called into it
        for (StackTraceElement frame : own) {
            Optional<String> cell = cellFrame.apply(frame);
            String lib = cell.isPresent() || hidden(frame) ? null : library(frame.getClassName());
            if (library != null && !library.equals(lib)) {
                libraries.add(collapsed(library, count, entry));
                library = null;
            }
            if (cell.isPresent()) {
                String line = "    at " + cell.get();
                if (cells.isEmpty() || !cells.get(cells.size() - 1).equals(line)) {
                    cells.add(line); // a variable's initializer and the snippet that declares it share a line
                }
            } else if (lib != null) {
                count = lib.equals(library) ? count + 1 : 1;
                library = lib;
                entry = frame;
            }
        }
        if (library != null) {
            libraries.add(collapsed(library, count, entry));
        }
        cells.addAll(libraries);
        return cells;
    }

    private static String collapsed(String library, int count, StackTraceElement entry) {
        return count == 1 ? "    at " + entry : "    … " + count + " frames in " + library + " (from " + entry + ")";
    }

    /** How many frames at the bottom of {@code frames} are the enclosing exception's own. */
    private static int sharedTail(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int i = frames.length - 1;
        int j = enclosing.length - 1;
        while (i >= 0 && j >= 0 && frames[i].equals(enclosing[j])) {
            i--;
            j--;
        }
        return frames.length - 1 - i;
    }

    private static boolean hidden(StackTraceElement frame) {
        String name = frame.getClassName() + "." + frame.getMethodName();
        return HIDDEN.stream().anyMatch(name::startsWith)
                || frame.getClassName().startsWith("REPL.");
    }

    /** The library a class belongs to, told by its package: tech.tablesaw, org.apache.spark, the JDK. */
    static String library(String className) {
        String[] parts = className.split("\\.");
        if (parts.length < 2) {
            return "the default package";
        }
        if (Set.of("java", "javax", "jdk", "sun").contains(parts[0])
                || (parts[0].equals("com") && parts[1].equals("sun"))) {
            return "the JDK";
        }
        int keep = parts.length > 3 && ORGANISATIONS.contains(parts[1]) ? 3 : 2;
        return String.join(".", Arrays.copyOf(parts, Math.min(keep, parts.length - 1)));
    }
}
