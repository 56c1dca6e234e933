package org.bighead.kernel.jshell;

import java.util.List;

/** What evaluating a piece of a cell came to. */
public sealed interface Outcome {

    /** Ran fine; {@code hasValue} when the last snippet was an expression (its value may be null). */
    record Ran(boolean hasValue, Object value) implements Outcome {}

    /** Did not compile: each problem with its line and column in the cell. */
    record CompileError(List<Problem> problems) implements Outcome {}

    /** Threw: the exception's class, message and its stack as a person reads it (indented lines, causes too). */
    record Threw(String exceptionClass, String message, List<String> stack) implements Outcome {}

    /** Was interrupted by the user. */
    record Interrupted() implements Outcome {}

    /** One compile problem. */
    record Problem(int line, int column, String message, String sourceLine) {}
}
