package org.bighead.magics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A cell split into what runs, in order (pure; no magic is looked up here).
 *
 * <ul>
 *   <li>When the first non-blank line is {@code %%name args}, the cell is one {@link CellPart.CellCall} that owns
 *       every line below it.</li>
 *   <li>Otherwise every line whose first non-blank character is {@code %} is a {@link CellPart.LineCall}, unless
 *       it starts inside a Java text block or block comment, and the Java lines between magic lines form
 *       {@link CellPart.Code} chunks that remember the cell line they start on.</li>
 *   <li>A magic line with no name or a bad name ({@code %}, {@code % x}, {@code %a+b}), or a {@code %%} line below
 *       the first, is a {@link CellPart.Invalid} part, so the kernel can refuse the cell before running any of it.</li>
 * </ul>
 *
 * <p>Magic names are letters, digits, {@code _} and {@code -}. Blank lines around code chunks are dropped (the
 * chunk's first line moves with them) and chunks with no code are left out.
 */
public record CellPlan(List<CellPart> parts) {

    /** A plan of the given parts, in order. */
    public CellPlan {
        parts = List.copyOf(parts);
    }

    /** Splits a cell into code chunks and magic calls. */
    public static CellPlan parse(String cell) {
        String[] lines = cell.split("\r\n|\r|\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && lines[first].strip().startsWith("%%")) {
            String body = String.join("\n", Arrays.asList(lines).subList(first + 1, lines.length));
            return new CellPlan(List.of(call(lines[first].strip(), first + 1, body)));
        }
        List<CellPart> parts = new ArrayList<>();
        JavaLines java = new JavaLines();
        int chunkStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (java.atCode() && line.startsWith("%")) {
                addCode(parts, lines, chunkStart, i);
                parts.add(
                        line.startsWith("%%")
                                ? new CellPart.Invalid(
                                        line,
                                        "cell magic " + line.split("\\s", 2)[0]
                                                + " must be on the first line of its cell (line " + (i + 1) + ")",
                                        i + 1)
                                : call(line, i + 1, null));
                chunkStart = i + 1;
            } else {
                java.accept(lines[i]);
            }
        }
        addCode(parts, lines, chunkStart, lines.length);
        return new CellPlan(parts);
    }

    /** True when the cell has no magic at all: at most one code chunk. */
    public boolean isPlainJava() {
        return parts.stream().allMatch(p -> p instanceof CellPart.Code);
    }

    /** The first part that cannot run because it is malformed, if any. */
    public Optional<CellPart.Invalid> firstInvalid() {
        return parts.stream()
                .filter(p -> p instanceof CellPart.Invalid)
                .map(p -> (CellPart.Invalid) p)
                .findFirst();
    }

    /** True for the characters of a magic name: letters, digits, {@code _} and {@code -}. */
    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** Parses {@code %name args} or {@code %%name args}; {@code body} is null for a line magic. */
    private static CellPart call(String line, int lineNumber, String body) {
        String prefix = body == null ? "%" : "%%";
        String text = line.substring(prefix.length());
        int end = 0;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        String name = text.substring(0, end);
        String rest = text.substring(end);
        String example = body == null ? "%lsmagic" : "%%time";
        if (name.isEmpty() && rest.isBlank()) {
            return new CellPart.Invalid(
                    line,
                    "'" + prefix + "' alone on line " + lineNumber + " needs a magic name, e.g. " + example
                            + " (see %lsmagic)",
                    lineNumber);
        }
        if (name.isEmpty() || (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0)))) {
            return new CellPart.Invalid(
                    line,
                    "bad magic '" + line + "' on line " + lineNumber
                            + ": the name right after " + prefix
                            + " is letters, digits, '_' or '-', then a space before"
                            + " its arguments, e.g. " + example,
                    lineNumber);
        }
        String args = rest.strip();
        return body == null ? new CellPart.LineCall(name, args, lineNumber) : new CellPart.CellCall(name, args, body);
    }

    /** Adds lines [from, to) as a code chunk, without blank lines at either end; nothing when all are blank. */
    private static void addCode(List<CellPart> parts, String[] lines, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && lines[start].isBlank()) {
            start++;
        }
        while (end > start && lines[end - 1].isBlank()) {
            end--;
        }
        if (start < end) {
            parts.add(new CellPart.Code(String.join("\n", Arrays.asList(lines).subList(start, end)), start + 1));
        }
    }
}
