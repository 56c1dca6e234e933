package org.bighead.magics;

/**
 * One {@code %bighead NAME ...} subcommand. Most are easiest written as a picocli command and wrapped with
 * {@link PicocliSubcommand#of}, which brings {@code --help}, flag parsing and error messages; implement this
 * interface directly when the arguments are not flags, such as the Java expression of {@code %bighead show}.
 * Add one with {@code registry.bighead().add(subcommand)}, usually from a {@link MagicProvider}.
 */
public interface Subcommand {

    /** The name typed after {@code %bighead}: lowercase letters, digits and {@code -}. */
    String name();

    /** One line for {@code %bighead help}. */
    String summary();

    /**
     * Runs with the text after the subcommand's name (trimmed, quotes untouched); {@code --help} must print the
     * usage to {@link MagicContext#out()}. Returns a value to show, or null.
     */
    Object run(String args, MagicContext context) throws Exception;
}
