package org.bighead.magics;

import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A {@code %bighead} subcommand written as a picocli {@code @Command} class: picocli parses the arguments into
 * its fields, then {@link Action#call} runs. {@code --help} is added when the class does not declare it; usage
 * text and flag errors come back as output and {@link MagicException}s, never on {@code System.out}. Picocli
 * texts are format strings, so a literal {@code %} in a description is written {@code %%}.
 *
 * <pre>{@code
 * @Command(name = "models", description = "List the models in the registry.")
 * final class ModelsSubcommand implements PicocliSubcommand.Action {
 *     @Option(names = "--limit", defaultValue = "20") int limit;
 *     public Object call(MagicContext context) { ... }
 * }
 * registry.bighead().add(PicocliSubcommand.of(ModelsSubcommand::new));
 * }</pre>
 */
public final class PicocliSubcommand implements Subcommand {

    /** A picocli {@code @Command} object: options are set on its fields, then it runs. */
    @FunctionalInterface
    public interface Action {
        /** Runs after parsing; returns a value to show, or null. */
        Object call(MagicContext context) throws Exception;
    }

    private static final int USAGE_WIDTH = 100;

    private final Supplier<? extends Action> factory;
    private final String name;
    private final String summary;

    private PicocliSubcommand(Supplier<? extends Action> factory, String name, String summary) {
        this.factory = factory;
        this.name = name;
        this.summary = summary;
    }

    /** Wraps a picocli command class; {@code factory} makes a fresh instance for every run. */
    public static PicocliSubcommand of(Supplier<? extends Action> factory) {
        CommandSpec spec = CommandSpec.forAnnotatedObject(factory.get());
        String[] description = spec.usageMessage().description();
        if (description.length == 0 || description[0].isBlank()) {
            throw new IllegalArgumentException("@Command " + spec.name() + " needs a description: its first line"
                    + " is the summary %bighead help shows");
        }
        // picocli texts are format strings: "%%bighead" shows as "%bighead"
        return new PicocliSubcommand(factory, spec.name(), description[0].replace("%%", "%"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    /** The full {@code --help} text. */
    public String usage() {
        return commandLine(factory.get()).getUsageMessage();
    }

    @Override
    public Object run(String args, MagicContext context) throws Exception {
        Action action = factory.get();
        CommandLine cli = commandLine(action);
        List<String> words = Args.split(args);
        try {
            cli.parseArgs(words.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new MagicException("%bighead " + name + ": " + e.getMessage() + "\n\n"
                    + cli.getUsageMessage().stripTrailing());
        }
        if (cli.isUsageHelpRequested()) {
            context.out().print(cli.getUsageMessage());
            return null;
        }
        return action.call(context);
    }

    private CommandLine commandLine(Action action) {
        CommandLine cli = new CommandLine(action);
        CommandSpec spec = cli.getCommandSpec();
        // the usage line reads as typed in a cell: "Usage: %bighead config [-h] [KEY] [VALUE]"
        spec.name("%bighead " + name);
        if (!spec.optionsMap().containsKey("--help")) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                    .usageHelp(true)
                    .description("Show this help message.")
                    .build());
        }
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setUsageHelpWidth(USAGE_WIDTH);
        // "@me" is a user name, not a file of arguments to read
        cli.setExpandAtFiles(false);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
