package org.bighead.config;

import java.util.List;
import picocli.CommandLine;

/**
 * How a Bighead command reports what is expected to go wrong (bad input, a server that does not answer): one line on
 * stderr, {@code "bighead env build: <message>"}, and exit code 1. Anything else is a bug and keeps its stack trace.
 */
public final class OneLineErrors {
    private OneLineErrors() {}

    /** A handler that prints exceptions of the {@code expected} types as one line and rethrows the rest. */
    public static CommandLine.IExecutionExceptionHandler of(List<Class<? extends Exception>> expected) {
        List<Class<? extends Exception>> types = List.copyOf(expected);
        return (e, commandLine, parsed) -> {
            if (types.stream().anyMatch(type -> type.isInstance(e))) {
                commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        };
    }

    /** A line of a Java stack trace ({@code \tat …}, {@code ... 12 more}, {@code Caused by: …}): never a reason. */
    public static boolean isStackFrame(String line) {
        String l = line.strip();
        return l.startsWith("at ")
                || l.matches("\\.\\.\\. \\d+ (more|common frames omitted)")
                || l.startsWith("Caused by: ")
                || l.startsWith("Suppressed: ");
    }

    /**
     * The reason a command gave for failing: the last line of its output that is neither blank nor a stack frame
     * (a Bighead command's one line is its last; a JVM that died on an exception ends in frames).
     */
    public static java.util.Optional<String> reason(String output) {
        List<String> lines = output.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.isBlank() && !isStackFrame(line)) {
                return java.util.Optional.of(line.strip());
            }
        }
        return java.util.Optional.empty();
    }
}
