package org.bighead.productionize;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import org.bighead.config.OneLineErrors;
import org.bighead.config.Settings;
import org.bighead.config.SettingsDefaults;
import org.bighead.config.SettingsException;
import picocli.CommandLine;

/** {@code ./bighead export}: its own entry point, so the CLI's other commands do not carry serving and Docker. */
public final class ExportMain {
    private ExportMain() {}

    /** Runs a command line; returns the exit code. */
    public static int run(String... args) {
        CommandLine cli;
        try {
            cli = SettingsDefaults.install(new CommandLine(new ExportCommand()), null, Settings.load());
        } catch (SettingsException e) {
            System.err.println("bighead export: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler(OneLineErrors.of(List.of(
                org.bighead.registry.client.RegistryException.class,
                SettingsException.class,
                org.bighead.pipeline.PipelineException.class,
                java.io.IOException.class,
                IllegalArgumentException.class,
                IllegalStateException.class)));
        cli.setErr(new PrintWriter(System.err, true, Charset.defaultCharset()));
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
