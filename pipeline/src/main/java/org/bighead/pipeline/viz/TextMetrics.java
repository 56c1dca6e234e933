package org.bighead.pipeline.viz;

import java.util.ArrayList;
import java.util.List;

/**
 * Text measurement without fonts: estimated advance widths for the usual system sans-serif fonts
 * (erring on the wide side), and text cut or wrapped to a width. Deterministic, so a drawing laid
 * out with it is the same on every machine.
 */
final class TextMetrics {

    private TextMetrics() {}

    /**
     * Advance widths of ASCII 32..126 in hundredths of an em: the wider of DejaVu Sans and
     * Liberation Sans (metric-compatible with Arial), so estimates err on the wide side for the
     * usual system sans-serif fonts.
     */
    private static final byte[] ASCII_WIDTHS = {
        32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 56,
        102, 68, 69, 72, 77, 67, 61, 78, 75, 29, 50, 67, 56, 86, 75, 79,
        67, 79, 72, 67, 61, 73, 68, 99, 69, 67, 69, 39, 34, 39, 84, 56,
        50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61,
        63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84
    };

    /** Estimated advance width of {@code s} in a sans-serif font; errs on the wide side. */
    static double width(String s, double size, boolean bold) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += charWidth(cp);
        }
        return w * size * (bold ? 1.1 : 1.0);
    }

    private static double charWidth(int cp) {
        if (cp >= 32 && cp < 127) {
            return ASCII_WIDTHS[cp - 32] / 100.0;
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT
                || cp == 0xFE0F) {
            return 0; // combining marks, joiners, variation selectors
        }
        if (cp >= 0x1F000) {
            return 1.25; // emoji and other pictographs
        }
        if (cp >= 0x1100) {
            return 1.0; // CJK, symbols, full-width forms
        }
        if (cp < 0x0370) {
            return 0.66; // Latin-1 and Latin extended
        }
        return 0.85; // Greek, Cyrillic, arrows, punctuation ...
    }

    /** {@code s} cut (with "…") to fit {@code maxWidth}. */
    static String fit(String s, double maxWidth, double size, boolean bold) {
        if (width(s, size, bold) <= maxWidth) {
            return s;
        }
        int[] cps = s.codePoints().toArray();
        int lo = 0;
        int hi = cps.length;
        while (lo < hi) { // largest prefix that fits with the ellipsis
            int mid = (lo + hi + 1) / 2;
            String t = new String(cps, 0, mid) + "\u2026";
            if (width(t, size, bold) <= maxWidth) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new String(cps, 0, lo).stripTrailing() + "\u2026";
    }

    /** Greedy word wrap into at most {@code maxLines} lines, the last one cut with "…". */
    static List<String> wrap(String s, double maxWidth, double size, int maxLines) {
        List<String> lines = new ArrayList<>();
        String[] words = s.strip().split("\\s+");
        StringBuilder cur = new StringBuilder();
        int w = 0;
        while (w < words.length && lines.size() < maxLines) {
            String word = words[w];
            String candidate = cur.length() == 0 ? word : cur + " " + word;
            if (width(candidate, size, false) <= maxWidth) {
                cur.setLength(0);
                cur.append(candidate);
                w++;
            } else if (cur.length() == 0) {
                lines.add(fit(word, maxWidth, size, false)); // a single over-long word
                w++;
            } else {
                lines.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (cur.length() > 0 && lines.size() < maxLines) {
            lines.add(cur.toString());
        }
        if (w < words.length && !lines.isEmpty()) { // text left over: cut the last line
            StringBuilder rest = new StringBuilder(lines.remove(lines.size() - 1));
            for (int k = w; k < words.length; k++) {
                rest.append(' ').append(words[k]);
            }
            lines.add(fit(rest.toString(), maxWidth, size, false));
        }
        return lines;
    }
}
