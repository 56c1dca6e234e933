package org.bighead.magics;

import java.util.ArrayList;
import java.util.List;

/** Splits a magic's argument text into words, shell style: blanks separate, single or double quotes group. */
public final class Args {
    private Args() {}

    /** The words of {@code args}; quotes are removed, a backslash inside double quotes escapes the next character. */
    public static List<String> split(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < args.length()) {
                    word.append(args.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new MagicException("unterminated " + quote + " quote in: " + args);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** True when the arguments ask for help: exactly {@code --help} or {@code -h}. */
    public static boolean wantsHelp(String args) {
        String a = args.strip();
        return a.equals("--help") || a.equals("-h");
    }
}
