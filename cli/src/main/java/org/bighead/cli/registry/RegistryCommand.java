package org.bighead.cli.registry;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bighead registry …}: the model registry from the command line ({@code serve} runs the server). */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = {
            "Work with the Bighead model registry. Its URL: --url, else BIGHEAD_REGISTRY_URL, else"
                    + " \"registry.url\" in ~/.bighead/config.json; its token: BIGHEAD_REGISTRY_TOKEN, else"
                    + " \"registry.token\" there.",
            "'./bighead registry serve --help' runs the server."
        },
        subcommands = {
            ListCommand.class,
            ShowCommand.class,
            RegisterCommand.class,
            AliasCommand.class,
            HistoryCommand.class,
            CompareCommand.class,
            TokenCommand.class
        })
public final class RegistryCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
