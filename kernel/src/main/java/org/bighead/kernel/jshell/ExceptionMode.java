package org.bighead.kernel.jshell;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How much of an exception's stack a cell error shows: IPython's {@code %xmode}, in Java's terms. */
public enum ExceptionMode {
    /** The cell lines it passed through, then one line per library; the kernel's and JShell's frames left out. */
    READABLE("the cell lines, then one line per library (the default)"),
    /** Every frame in order as Java prints it, none collapsed: for a bug inside a library. */
    FULL("every frame in order, library and JDK frames one by one"),
    /** The exception's class and message only. */
    MINIMAL("the exception's class and message only");

    private final String description;

    ExceptionMode(String description) {
        this.description = description;
    }

    /** What a person sees in this mode. */
    public String description() {
        return description;
    }

    /** The mode a word names, in any case ("full", "Readable"). */
    public static Optional<ExceptionMode> named(String word) {
        return Arrays.stream(values())
                .filter(mode -> mode.name().equalsIgnoreCase(word.strip()))
                .findFirst();
    }

    /** "readable, full or minimal". */
    public static String choices() {
        String[] names = Arrays.stream(values())
                .map(mode -> mode.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", ")) + " or "
                + names[names.length - 1];
    }
}
