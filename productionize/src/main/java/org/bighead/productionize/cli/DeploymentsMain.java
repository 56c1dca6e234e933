package org.bighead.productionize.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import org.bighead.config.OneLineErrors;
import org.bighead.config.Settings;
import org.bighead.config.SettingsDefaults;
import org.bighead.config.SettingsException;
import org.bighead.productionize.deploy.DeploymentException;
import org.bighead.registry.client.RegistryException;
import picocli.CommandLine;

/** {@code ./bighead deployments …}: the deployments export starts, managed from the command line. */
public final class DeploymentsMain {
    private DeploymentsMain() {}

    public static int run(String... args) {
        CommandLine cli;
        try {
            cli = SettingsDefaults.install(new CommandLine(new DeploymentsCommand()), "deployments", Settings.load());
        } catch (SettingsException e) {
            System.err.println("bighead deployments: " + e.getMessage());
            return 2;
        }
        // a one-line message for what is expected to go wrong; a trace only for real bugs
        cli.setExecutionExceptionHandler(OneLineErrors.of(List.of(
                DeploymentException.class,
                RegistryException.class,
                SettingsException.class,
                IllegalArgumentException.class,
                IllegalStateException.class,
                java.io.UncheckedIOException.class)));
        cli.setErr(new PrintWriter(System.err, true, Charset.defaultCharset()));
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
