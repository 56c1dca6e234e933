package org.bighead.magics;

import java.util.List;
import org.bighead.config.Words;

/** Splits a magic's argument text into words, shell style: blanks separate, single or double quotes group. */
public final class Args {
    private Args() {}

    /** The words of {@code args} ({@link Words}); an unclosed quote is a {@link MagicException}. */
    public static List<String> split(String args) {
        try {
            return Words.split(args);
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
    }

    /** True when the arguments ask for help: exactly {@code --help} or {@code -h}. */
    public static boolean wantsHelp(String args) {
        String a = args.strip();
        return a.equals("--help") || a.equals("-h");
    }
}
