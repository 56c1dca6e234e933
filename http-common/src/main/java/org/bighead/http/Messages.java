package org.bighead.http;

/** Untrusted text (a name from a URL, a parser's complaint) made fit to quote in an error message. */
public final class Messages {
    private Messages() {}

    /**
     * {@code text} with each control character (NUL, line break, tab…) shown as '?' and cut to at most {@code max}
     * characters, the last three of them "..." when cut; null becomes "". Never splits a surrogate pair.
     */
    public static String shorten(String text, int max) {
        if (max < 4) {
            throw new IllegalArgumentException("max must leave room for text and \"...\": " + max);
        }
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && clean.length() <= max; i++) {
            char c = text.charAt(i);
            clean.append(Character.isISOControl(c) ? '?' : c);
        }
        if (clean.length() <= max) {
            return clean.toString();
        }
        int end = max - 3;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + "...";
    }
}
