package org.bighead.magics;

/**
 * Follows Java source line by line just far enough to know whether the next line starts inside a text block
 * ({@code """}) or a block comment, where a leading {@code %} is text, not a magic. String and char literals and
 * {@code //} comments are skipped so that a {@code """} or {@code /*} inside them does not count.
 */
final class JavaLines {
    private enum State {
        CODE,
        TEXT_BLOCK,
        BLOCK_COMMENT
    }

    private State state = State.CODE;

    /** True when the next line starts in plain code, where a magic line may appear. */
    boolean atCode() {
        return state == State.CODE;
    }

    /** Advances over one line of Java source. */
    void accept(String line) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            switch (state) {
                case TEXT_BLOCK -> {
                    if (line.charAt(i) == '\\') {
                        i += 2;
                    } else if (line.startsWith("\"\"\"", i)) {
                        state = State.CODE;
                        i += 3;
                    } else {
                        i++;
                    }
                }
                case BLOCK_COMMENT -> {
                    int end = line.indexOf("*/", i);
                    if (end < 0) {
                        return;
                    }
                    state = State.CODE;
                    i = end + 2;
                }
                case CODE -> {
                    char c = line.charAt(i);
                    if (line.startsWith("\"\"\"", i)) {
                        state = State.TEXT_BLOCK;
                        i += 3;
                    } else if (line.startsWith("/*", i)) {
                        state = State.BLOCK_COMMENT;
                        i += 2;
                    } else if (line.startsWith("//", i)) {
                        return;
                    } else if (c == '"' || c == '\'') {
                        i = skipLiteral(line, i + 1, c);
                    } else {
                        i++;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** Index just past the literal closed by {@code quote}, or the line's end (literals never span lines). */
    private static int skipLiteral(String line, int from, char quote) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }
}
