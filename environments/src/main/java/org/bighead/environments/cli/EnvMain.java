package org.bighead.environments.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
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
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // a one-line message for what is expected to go wrong; a trace only for real bugs
            if (e instanceof CatalogException
                    || e instanceof ComputeException
                    || e instanceof EngineUnavailableException
                    || e instanceof ImageBuildException
                    || e instanceof SettingsException
                    || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException
                    || e instanceof org.bighead.registry.client.RegistryException
                    || e instanceof com.github.dockerjava.api.exception.DockerException) {
                commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        cli.setErr(new PrintWriter(System.err, true, Charset.defaultCharset()));
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
