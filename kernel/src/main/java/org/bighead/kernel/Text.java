package org.bighead.kernel;

/** Jupyter counts cursor positions in Unicode code points; Java strings index UTF-16 units. */
final class Text {
    private Text() {}

    /** UTF-16 index of code point position {@code codePoints} (clamped to the string). */
    static int toUtf16(String s, int codePoints) {
        int max = s.codePointCount(0, s.length());
        return s.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, max)));
    }

    /** Code point position of UTF-16 index {@code index}. */
    static int toCodePoints(String s, int index) {
        return s.codePointCount(0, Math.max(0, Math.min(index, s.length())));
    }
}
