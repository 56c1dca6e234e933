package org.bighead.magics;

/**
 * One piece of a cell, in the order it runs: Java code, a {@code %line} magic, a {@code %%cell} magic, or a magic
 * line that cannot be parsed. Line numbers are 1-based and count lines of the whole cell, as the user sees them.
 */
public sealed interface CellPart {

    /** Java source between magic lines; {@code firstLine} is the cell line its first line came from. */
    record Code(String source, int firstLine) implements CellPart {}

    /** {@code %name args} on line {@code line}; {@code args} is the rest of the line, trimmed. */
    record LineCall(String name, String args, int line) implements CellPart {}

    /** {@code %%name args} on the cell's first non-blank line, owning {@code body}: every line below it. */
    record CellCall(String name, String args, String body) implements CellPart {}

    /** A magic line that is not well formed ({@code %} alone, a bad name); running it fails with {@code message}. */
    record Invalid(String text, String message, int line) implements CellPart {}
}
