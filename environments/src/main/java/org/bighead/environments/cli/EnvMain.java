package org.bighead.environments.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.bighead.config.OneLineErrors;
import org.bighead.config.Settings;
import org.bighead.config.SettingsDefaults;
import org.bighead.config.SettingsException;
import org.bighead.environments.catalog.CatalogException;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.engine.EngineUnavailableException;
import org.bighead.environments.image.ImageBuildException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./bighead env …} and {@code ./bighead hardware …}: environments, their images, and the hardware. */
@Command(
        name = "bighead",
        mixinStandardHelpOptions = true,
        version = "bighead 0.1.0",
        description = "Environments (Docker Image Service) and hardware.",
        subcommands = {EnvCommand.class, HardwareCommand.class, ComputeCommand.class})
public final class EnvMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The Bighead checkout: {@code -Dbighead.root}, set by ./bighead. */
    static Path home() {
        return Path.of(System.getProperty("bighead.root", ".")).toAbsolutePath().normalize();
    }

    public static int run(String... args) {
        CommandLine cli;
        try {
            cli = SettingsDefaults.install(new CommandLine(new EnvMain()), null, Settings.load());
        } catch (SettingsException e) {
            System.err.println("bighead: " + e.getMessage());
            return 2;
        }
        // a one-line message for what is expected to go wrong; a trace only for real bugs
        cli.setExecutionExceptionHandler(OneLineErrors.of(List.of(
                CatalogException.class,
                ComputeException.class,
                EngineUnavailableException.class,
                ImageBuildException.class,
                SettingsException.class,
                IllegalArgumentException.class,
                IllegalStateException.class,
                java.io.UncheckedIOException.class,
                org.bighead.registry.client.RegistryException.class,
                com.github.dockerjava.api.exception.DockerException.class)));
        cli.setErr(new PrintWriter(System.err, true, Charset.defaultCharset()));
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
