package org.bighead.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bighead.kernel.jshell.Outcome;

/** Jupyter error content (ename, evalue, traceback) for everything that can go wrong in a cell. */
final class Errors {
    private static final String RED = "\u001b[0;31m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private Errors() {}

    static ObjectNode of(Outcome outcome) {
        if (outcome instanceof Outcome.CompileError c) {
            List<String> lines = new ArrayList<>();
            for (Outcome.Problem p : c.problems()) {
                lines.add(RED + BOLD + "Line " + p.line() + ", column " + p.column() + ": " + RESET + p.message());
                lines.add("    " + p.sourceLine());
                lines.add("    " + " ".repeat(Math.max(0, p.column() - 1)) + RED + "^" + RESET);
            }
            Outcome.Problem first = c.problems().get(0);
            return content(
                    "CompileError",
                    "line " + first.line() + ", column " + first.column() + ": " + first.message(),
                    lines);
        }
        if (outcome instanceof Outcome.Threw t) {
            List<String> lines = new ArrayList<>();
            lines.add(RED + BOLD + t.exceptionClass() + RESET + (t.message() == null ? "" : ": " + t.message()));
            for (String line : t.stack()) { // frames come indented; a cause's own line does not
                lines.add(line.startsWith("Caused by: ") ? RED + "Caused by: " + RESET + line.substring(11) : line);
            }
            return content(t.exceptionClass(), t.message() == null ? "" : t.message(), lines);
        }
        if (outcome instanceof Outcome.Interrupted) {
            return content(
                    "Interrupted",
                    "the cell was interrupted",
                    List.of(RED + BOLD + "Interrupted" + RESET + ": the cell was stopped; earlier results are kept"));
        }
        throw new IllegalArgumentException("not an error: " + outcome);
    }

    static ObjectNode magic(String message) {
        return content("MagicError", message, List.of(RED + BOLD + "MagicError" + RESET + ": " + message));
    }

    static ObjectNode internal(Throwable e) {
        return content(
                "KernelError",
                String.valueOf(e),
                List.of(RED + "KernelError" + RESET + ": " + e
                        + " (this is a bug in the Bighead kernel; the kernel log has details)"));
    }

    static ObjectNode content(String name, String value, List<String> traceback) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("ename", name);
        content.put("evalue", value);
        ArrayNode lines = content.putArray("traceback");
        traceback.forEach(lines::add);
        return content;
    }
}
