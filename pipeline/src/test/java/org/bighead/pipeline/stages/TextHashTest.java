package org.bighead.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TextHash counts each token once per char ({@link TextHash#count}); the counts are those of the stage's definition
 * (tokens are the runs of {@link Character#isLetterOrDigit(char)}, each hashed by {@link TextHash#bucketOf}) for
 * ASCII text and for every other kind of char.
 */
class TextHashTest {

    // ASCII letters, digits and separators, and chars outside ASCII: letters whose lower case is special (İ, ß, Σ),
    // digits of other scripts, CJK, an emoji's surrogate pair, spaces that are not ' ', '_' (not a letter or digit)
    private static final String CHARS = "aZz09 ,.-_/\t\n(&)ÉéÄßİΣσЖж٣中文😀\u00a0\u2003'\"";

    @Test
    void countsEqualTheDefinitionsOnRandomTextOfAnyChars() {
        Random random = new Random(12);
        for (int buckets : new int[] {1, 7, 64, 1000}) {
            for (int i = 0; i < 2000; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int k = 0; k < length; k++) text.append(CHARS.charAt(random.nextInt(CHARS.length())));
                for (boolean presence : new boolean[] {false, true}) {
                    assertThat(counts(text.toString(), buckets, presence))
                            .as("'%s' in %d buckets", text, buckets)
                            .isEqualTo(definition(text.toString(), buckets, presence));
                }
            }
        }
    }

    @Test
    void eachTokenCountsInItsBucketWhateverItsCaseAndSeparators() {
        double[] counts = counts("Wifi, WIFI;wifi  TV", 64, false);

        assertThat(counts[TextHash.bucketOf("wifi", 64)]).isEqualTo(3.0);
        assertThat(counts[TextHash.bucketOf("tv", 64)]).isEqualTo(1.0);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(4.0);
        assertThat(counts("", 64, false)).containsOnly(0.0);
        assertThat(counts(" ,;", 64, false)).containsOnly(0.0);
    }

    private static double[] counts(String text, int buckets, boolean presence) {
        int[] slots = new int[buckets];
        for (int i = 0; i < buckets; i++) slots[i] = i;
        double[] num = new double[buckets];
        TextHash.count(text, slots, num, presence);
        return num;
    }

    // The stage's definition, spelled out: split, then hash each token
    private static double[] definition(String text, int buckets, boolean presence) {
        double[] num = new double[buckets];
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) i++;
            int start = i;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) i++;
            if (i > start) {
                int b = TextHash.bucketOf(text.substring(start, i), buckets);
                num[b] = presence ? 1.0 : num[b] + 1.0;
            }
        }
        return num;
    }
}
