package org.bighead.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import org.bighead.config.OneLineErrors;
import org.bighead.config.Settings;
import org.bighead.config.SettingsDefaults;
import org.bighead.config.SettingsException;
import org.bighead.pipeline.PipelineException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The Java side of {@code ./bighead}: one command with subcommands, each with {@code --help}. */
@Command(
        name = "bighead",
        mixinStandardHelpOptions = true,
        version = "bighead 0.1.0",
        description = "Bighead: a pipeline built in a notebook, the same in batch and online.",
        subcommands = {
            DemoCommand.class,
            DataCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            InspectCommand.class,
            org.bighead.cli.registry.RegistryCommand.class,
            org.bighead.cli.registry.JobsCommand.class
        })
public final class Bighead implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs a command line; returns the exit code. */
    public static int run(String... args) {
        return execute(new Bighead(), "bighead", args);
    }

    /**
     * Runs {@code command} (a picocli command object) the way every Bighead command runs: options from the settings,
     * expected failures as one line on stderr prefixed {@code name}, exit code returned.
     */
    public static int execute(Object command, String name, String... args) {
        CommandLine cli;
        try {
            cli = SettingsDefaults.install(new CommandLine(command), null, Settings.load());
        } catch (SettingsException e) {
            System.err.println(name + ": " + e.getMessage());
            return 2;
        }
        // a person-readable one-liner for what we expect to go wrong; a trace only for real bugs
        cli.setExecutionExceptionHandler(OneLineErrors.of(List.of(
                org.bighead.registry.client.RegistryException.class,
                SettingsException.class,
                PipelineException.class,
                java.io.IOException.class,
                IllegalArgumentException.class,
                IllegalStateException.class)));
        cli.setErr(new PrintWriter(System.err, true, Charset.defaultCharset()));
        return cli.execute(args);
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args));
    }
}
