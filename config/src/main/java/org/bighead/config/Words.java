package org.bighead.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of arguments into words, shell style: blanks separate, single or double quotes group (a path with
 * spaces), a backslash inside double quotes escapes the next character. Magics and the export's schedule lines
 * read their arguments this way, so a line means the same wherever it is typed.
 */
public final class Words {
    private Words() {}

    /** The words of {@code line}, quotes removed; an unclosed quote is an {@link IllegalArgumentException}. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
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
            throw new IllegalArgumentException("unterminated " + quote + " quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
