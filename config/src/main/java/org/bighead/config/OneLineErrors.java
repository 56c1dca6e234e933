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
}
