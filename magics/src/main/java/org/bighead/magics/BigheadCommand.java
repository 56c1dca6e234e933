package org.bighead.magics;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code %bighead SUBCOMMAND [ARGS]}: one magic for the platform, with subcommands added by {@link #add}
 * ({@code config}, {@code show}, {@code version}, {@code register}, {@code models}, {@code env}, {@code hardware}
 * built in; {@code export}, ... from other modules through {@link MagicProvider}). {@code %bighead} alone or {@code %bighead help} lists them.
 */
public final class BigheadCommand implements LineMagic {
    private final SortedMap<String, Subcommand> subcommands = new TreeMap<>();

    BigheadCommand() {
        add(PicocliSubcommand.of(Help::new));
    }

    /** Adds a subcommand; its name must be new. */
    public BigheadCommand add(Subcommand subcommand) {
        String name = subcommand.name();
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("subcommand name '" + name + "' must be lowercase letters, digits, '-'");
        }
        if (subcommands.containsKey(name)) {
            throw new IllegalStateException("%bighead " + name + " is already registered");
        }
        subcommands.put(name, subcommand);
        return this;
    }

    /** The subcommand called {@code name}, if any. */
    public Optional<Subcommand> subcommand(String name) {
        return Optional.ofNullable(subcommands.get(name));
    }

    /** Subcommand names to their one-line summaries, sorted by name. */
    public SortedMap<String, String> subcommands() {
        SortedMap<String, String> out = new TreeMap<>();
        subcommands.forEach((name, s) -> out.put(name, s.summary()));
        return out;
    }

    @Override
    public Object run(String args, MagicContext context) throws Exception {
        String text = args.strip();
        if (text.isEmpty() || Args.wantsHelp(text)) {
            context.out().print(listing());
            return null;
        }
        String[] split = text.split("\\s+", 2);
        Subcommand subcommand = subcommands.get(split[0]);
        if (subcommand == null) {
            throw unknown(split[0]);
        }
        try {
            return subcommand.run(split.length > 1 ? split[1] : "", context);
        } catch (MagicException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("%bighead " + split[0] + " failed: " + MagicRegistry.describe(e), e);
        }
    }

    /** The text of {@code %bighead help}: usage and one line per subcommand. */
    public String listing() {
        int width = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out =
                new StringBuilder("Usage: %bighead SUBCOMMAND [ARGS]").append("   (every subcommand takes --help)\n\n");
        subcommands.forEach((name, s) -> out.append(String.format("  %-" + width + "s  %s%n", name, s.summary())));
        return out.toString();
    }

    private MagicException unknown(String name) {
        String near = Names.closest(name, subcommands.keySet())
                .map(n -> " (did you mean " + n + "?)")
                .orElse("");
        return new MagicException("unknown %bighead subcommand '" + name + "'" + near + "; available: "
                + String.join(", ", subcommands.keySet()) + " (see %bighead help)");
    }

    @Command(name = "help", description = "List the subcommands, or show one's help: %%bighead help config")
    private final class Help implements PicocliSubcommand.Action {
        @Parameters(arity = "0..1", paramLabel = "SUBCOMMAND", description = "The subcommand to explain.")
        String name;

        @Override
        public Object call(MagicContext context) throws Exception {
            if (name == null) {
                context.out().print(listing());
                return null;
            }
            Subcommand subcommand = subcommands.get(name);
            if (subcommand == null) {
                throw unknown(name);
            }
            return subcommand.run("--help", context);
        }
    }
}
